package io.runnel.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.FrameType;
import io.runnel.protocol.Limits;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.PayloadFrame;
import io.runnel.protocol.frame.PingFrame;
import io.runnel.protocol.frame.SendFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The frame codec as a pipeline: {@code Codecs.addFrameCodec} on an {@code EmbeddedChannel}. */
@ExtendWith(NoLeaks.class)
class FrameCodecTest {

    private static final int MAX_FRAME = 64 * 1024;

    private EmbeddedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = new EmbeddedChannel();
        Codecs.addFrameCodec(channel.pipeline(), MAX_FRAME);
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    static Stream<Frame> frames() {
        return SampleFrames.all().stream();
    }

    @Test
    void shouldHaveASampleOfEveryFrameType() {
        Set<FrameType> covered = EnumSet.noneOf(FrameType.class);
        List<Frame> frames = SampleFrames.all();
        frames.forEach(f -> covered.add(f.type()));
        frames.forEach(FrameCodecTest::releaseIfPayload);
        assertThat(covered).containsExactlyInAnyOrder(FrameType.values());
    }

    @ParameterizedTest
    @MethodSource("frames")
    void shouldRoundTripEveryFrameTypeThroughThePipeline(Frame sent) {
        assertThat(channel.writeOutbound(sent)).isTrue();
        List<ByteBuf> wire = drainOutbound();
        if (sent instanceof PayloadFrame) {
            assertThat(wire).as("header buffer + message slice").hasSize(2);
        } else {
            assertThat(wire).hasSize(1);
        }
        for (ByteBuf piece : wire) {
            channel.writeInbound(piece);
        }
        Frame received = channel.readInbound();
        try {
            assertThat(received).isEqualTo(sent);
            assertThat(received.type()).isEqualTo(sent.type());
        } finally {
            releaseIfPayload(received);
            releaseIfPayload(sent);
        }
        if (sent instanceof PayloadFrame) {
            assertThat(((PayloadFrame) sent).message().refCnt()).as("every reference released").isZero();
        }
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void shouldEncodeTheSameBytesThroughCodecsEncodeAsThroughThePipeline(Frame frame) {
        ByteBuf direct = Codecs.encode(frame, ByteBufAllocator.DEFAULT);
        channel.writeOutbound(frame);
        ByteBuf viaPipeline = Unpooled.wrappedBuffer(drainOutbound().toArray(new ByteBuf[0]));
        try {
            assertThat(ByteBufUtil.getBytes(direct)).isEqualTo(ByteBufUtil.getBytes(viaPipeline));
            assertThat(direct.getInt(0)).as("length prefix").isEqualTo(direct.readableBytes() - 4);
            assertThat((int) direct.getUnsignedByte(4)).isEqualTo(frame.type().code());
            assertThat(direct.getByte(5)).as("flags").isZero();
            assertThat(direct.getInt(6)).isEqualTo(frame.requestId());
        } finally {
            direct.release();
            viaPipeline.release();
            releaseIfPayload(frame);
        }
    }

    @Test
    void shouldDecodeAFrameSplitAcrossReadsOnlyWhenItIsComplete() {
        SendFrame sent = new SendFrame(3, 1, DestinationRef.queue("orders"), SampleFrames.message("hi"));
        ByteBuf wire = Codecs.encode(sent, ByteBufAllocator.DEFAULT);
        try {
            assertThat(channel.writeInbound(wire.readRetainedSlice(3))).as("partial length prefix").isFalse();
            assertThat(channel.writeInbound(wire.readRetainedSlice(10))).as("partial body").isFalse();
            assertThat(channel.writeInbound(wire.retain())).isTrue();
            SendFrame received = channel.readInbound();
            try {
                assertThat(received).isEqualTo(sent);
            } finally {
                received.release();
            }
        } finally {
            wire.release();
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldDecodeAFrameSplitAtEveryPossibleByte() {
        DeliverFrame sent = new DeliverFrame(0, 9L, 10L, 1, SampleFrames.message("split"));
        ByteBuf wire = Codecs.encode(sent, ByteBufAllocator.DEFAULT);
        try {
            for (int split = 1; split < wire.readableBytes(); split++) {
                assertThat(channel.writeInbound(wire.retainedSlice(0, split))).isFalse();
                assertThat(channel.writeInbound(wire.retainedSlice(split, wire.readableBytes() - split))).isTrue();
                DeliverFrame received = channel.readInbound();
                try {
                    assertThat(received).as("split at %d", split).isEqualTo(sent);
                } finally {
                    received.release();
                }
            }
        } finally {
            wire.release();
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldDecodeTwoFramesInOneBuffer() {
        SendFrame send = new SendFrame(1, 2, DestinationRef.topic("news"), SampleFrames.message("first"));
        PingFrame ping = new PingFrame(2);
        ByteBuf both = Unpooled.wrappedBuffer(Codecs.encode(send, ByteBufAllocator.DEFAULT),
                Codecs.encode(ping, ByteBufAllocator.DEFAULT));
        assertThat(channel.writeInbound(both)).isTrue();
        SendFrame first = channel.readInbound();
        try {
            assertThat(first).isEqualTo(send);
            assertThat((Frame) channel.readInbound()).isEqualTo(ping);
        } finally {
            first.release();
            send.release();
        }
        assertThat(both.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldRejectALengthClaiming2GiBWithoutAllocatingOrKeepingTheBytes() {
        CountingAllocator alloc = new CountingAllocator();
        channel.config().setAllocator(alloc);
        ByteBuf first = NoLeaks.ALLOC.buffer(1024);
        first.writeInt(Integer.MAX_VALUE).writeByte(FrameType.SEND.code()).writeByte(0).writeInt(1);
        first.writeZero(1000);
        assertThatThrownBy(() -> channel.writeInbound(first)).isInstanceOf(TooLongFrameException.class);
        assertThat(first.refCnt()).as("the bytes received so far were discarded and released").isZero();

        ByteBuf more = NoLeaks.ALLOC.buffer(4096).writeZero(4096);
        assertThat(channel.writeInbound(more)).as("the rest of the oversize frame is discarded").isFalse();
        assertThat(more.refCnt()).isZero();
        assertThat(alloc.largestRequest()).as("largest buffer allocated").isLessThan(4096);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldRejectALengthJustAboveTheMaximumFrameSize() {
        ByteBuf wire = NoLeaks.ALLOC.buffer().writeInt(MAX_FRAME - 4 + 1).writeByte(FrameType.PING.code());
        assertThatThrownBy(() -> channel.writeInbound(wire)).isInstanceOf(TooLongFrameException.class);
        assertThat(wire.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheMaximumFrameSize() {
        int messageBytes = MAX_FRAME - 4 - Limits.HEADER_SIZE - 8 - 8 - 4;
        ByteBuf message = NoLeaks.ALLOC.buffer(messageBytes).writeZero(messageBytes);
        DeliverFrame sent = new DeliverFrame(0, 1L, 2L, 1, message);
        channel.writeOutbound(sent);
        for (ByteBuf piece : drainOutbound()) {
            channel.writeInbound(piece);
        }
        DeliverFrame received = channel.readInbound();
        try {
            assertThat(received.message().readableBytes()).isEqualTo(messageBytes);
        } finally {
            received.release();
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldFailTheWriteOfAFrameAboveTheMaximumAndKeepTheWritersReference() {
        int messageBytes = MAX_FRAME;
        ByteBuf message = NoLeaks.ALLOC.buffer(messageBytes).writeZero(messageBytes);
        SendFrame sent = new SendFrame(1, 1, DestinationRef.queue("q"), message);
        try {
            ChannelFuture write = channel.writeOneOutbound(sent);
            channel.flushOutbound();
            assertThat(write.isSuccess()).isFalse();
            assertThat(write.cause()).isInstanceOf(EncoderException.class);
            assertThat(ProtocolException.find(write.cause()).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
            assertThat(sent.message().refCnt()).isEqualTo(1);
            Object sentBytes = channel.readOutbound();
            assertThat(sentBytes).as("nothing sent").isNull();
        } finally {
            sent.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldLeaveTheWritersReferenceToAPayloadAlone() {
        SendFrame sent = new SendFrame(1, 1, DestinationRef.queue("q"), SampleFrames.message("mine"));
        channel.writeOutbound(sent);
        assertThat(sent.message().refCnt()).as("writer's reference + the slice waiting in the outbound queue")
                .isEqualTo(2);
        drainOutbound().forEach(ByteBuf::release);
        assertThat(sent.message().refCnt()).isEqualTo(1);
        sent.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldHandOutARetainedSliceOfTheReceivedBytesRatherThanACopy() {
        SendFrame sent = new SendFrame(1, 1, DestinationRef.queue("q"), SampleFrames.message("no copy"));
        ByteBuf encoded = Codecs.encode(sent, ByteBufAllocator.DEFAULT);
        ByteBuf wire = NoLeaks.ALLOC.buffer().writeBytes(encoded);
        encoded.release();
        sent.release();

        assertThat(channel.writeInbound(wire.retain())).isTrue();
        SendFrame received = channel.readInbound();
        try {
            assertThat(wire.refCnt()).as("this test's reference + the frame's slice").isEqualTo(2);
            int last = wire.writerIndex() - 1;
            wire.setByte(last, 0x5A);
            ByteBuf message = received.message();
            assertThat(message.getByte(message.writerIndex() - 1)).as("same memory").isEqualTo((byte) 0x5A);
        } finally {
            received.release();
        }
        assertThat(wire.refCnt()).isEqualTo(1);
        wire.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldIgnoreTheFlagsByteOnReceipt() {
        ByteBuf wire = Codecs.encode(new OkFrame(77), ByteBufAllocator.DEFAULT);
        wire.setByte(5, 0xFF);
        assertThat(channel.writeInbound(wire)).isTrue();
        assertThat((Frame) channel.readInbound()).isEqualTo(new OkFrame(77));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldRejectAnUnknownFrameTypeWithUnknownFrame() {
        ByteBuf wire = rawFrame(0x7E, 5, body -> body.writeInt(1));
        assertProtocolError(wire, ErrorCode.UNKNOWN_FRAME);
        assertThat(wire.refCnt()).isZero();
    }

    @Test
    void shouldRejectAStringLongerThanTheFrameWithProtocolError() {
        ByteBuf wire = rawFrame(FrameType.CONNECT.code(), 1, body -> {
            body.writeInt(1).writeInt(1);
            body.writeInt(1000).writeBytes("abc".getBytes(StandardCharsets.UTF_8));
        });
        assertProtocolError(wire, ErrorCode.PROTOCOL_ERROR);
        assertThat(wire.refCnt()).isZero();
    }

    @Test
    void shouldRejectAStringClaiming2GiBWithoutAllocatingIt() {
        ByteBuf wire = rawFrame(FrameType.ERROR.code(), 1, body -> body.writeInt(1).writeInt(Integer.MAX_VALUE));
        assertProtocolError(wire, ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectATruncatedFixedFieldWithProtocolError() {
        assertProtocolError(rawFrame(FrameType.CREDIT.code(), 0, body -> body.writeLong(1L).writeShort(5)),
                ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectBytesLeftOverAfterAFixedSizeBody() {
        assertProtocolError(rawFrame(FrameType.COMMIT.code(), 1, body -> body.writeInt(7).writeByte(0)),
                ErrorCode.PROTOCOL_ERROR);
        assertProtocolError(rawFrame(FrameType.PING.code(), 1, body -> body.writeByte(0)),
                ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectAFrameShorterThanItsHeader() {
        ByteBuf wire = NoLeaks.ALLOC.buffer().writeInt(3).writeByte(FrameType.PING.code()).writeShort(0);
        assertProtocolError(wire, ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectASendFrameWithoutADestination() {
        ByteBuf wire = rawFrame(FrameType.SEND.code(), 1, body -> body.writeInt(1).writeByte(0).writeZero(28));
        assertProtocolError(wire, ErrorCode.PROTOCOL_ERROR);
        assertThat(wire.refCnt()).as("no payload slice was kept").isZero();
    }

    @Test
    void shouldRejectAnUnknownDestinationKindOrAnInvalidName() {
        assertProtocolError(rawFrame(FrameType.SEND.code(), 1, body -> {
            body.writeInt(1).writeByte(9);
            Wire.writeString(body, "q");
        }), ErrorCode.PROTOCOL_ERROR);
        assertProtocolError(rawFrame(FrameType.SEND.code(), 1, body -> {
            body.writeInt(1).writeByte(1);
            Wire.writeString(body, "bad\nname");
        }), ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectAnUnknownAckTypeAndABadBool() {
        assertProtocolError(rawFrame(FrameType.ACK.code(), 1, body -> body.writeInt(1).writeByte(4).writeInt(0)),
                ErrorCode.PROTOCOL_ERROR);
        assertProtocolError(rawFrame(FrameType.CONSUMER_OPEN.code(), 1, body -> {
            body.writeInt(1).writeLong(2L);
            Wire.writeDestination(body, DestinationRef.queue("q"));
            Wire.writeString(body, null);
            body.writeByte(2); // noLocal must be 0 or 1
            Wire.writeString(body, null);
            body.writeInt(0).writeInt(10);
        }), ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectALongsCountBeyondTheFrame() {
        assertProtocolError(rawFrame(FrameType.CONSUMER_CLOSE.code(), 1,
                body -> body.writeLong(1L).writeInt(Integer.MAX_VALUE).writeLong(5L)), ErrorCode.PROTOCOL_ERROR);
        assertProtocolError(rawFrame(FrameType.CONSUMER_CLOSE.code(), 1,
                body -> body.writeLong(1L).writeInt(-1)), ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldKeepDecodingAfterAMalformedFrame() {
        assertProtocolError(rawFrame(0x7F, 1, body -> { }), ErrorCode.UNKNOWN_FRAME);
        assertThat(channel.writeInbound(Codecs.encode(new PingFrame(9), ByteBufAllocator.DEFAULT))).isTrue();
        assertThat((Frame) channel.readInbound()).isEqualTo(new PingFrame(9));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldNameTheHandlersAndShareOnlyTheEncoder() {
        assertThat(channel.pipeline().names()).containsSubsequence(Codecs.FRAME_LENGTH, Codecs.FRAME_DECODER,
                Codecs.FRAME_ENCODER);
        assertThat(channel.pipeline().get(Codecs.FRAME_DECODER)).isInstanceOf(FrameDecoder.class);
        assertThat(channel.pipeline().get(Codecs.FRAME_ENCODER)).isInstanceOf(FrameEncoder.class);
        assertThat(new FrameDecoder().isSharable()).isFalse();
        assertThat(new FrameEncoder().isSharable()).isTrue();
    }

    @Test
    void shouldNotShowThePasswordOfAConnectFrame() {
        assertThat(new ConnectFrame(1, 1, 1, "c", "alice", "s3cret").toString()).doesNotContain("s3cret")
                .contains("alice");
    }

    private void assertProtocolError(ByteBuf wire, ErrorCode expected) {
        assertThatThrownBy(() -> channel.writeInbound(wire))
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(expected));
        assertThat(wire.refCnt()).as("the malformed frame was released").isZero();
        Object decoded = channel.readInbound();
        assertThat(decoded).isNull();
    }

    /** A frame with a hand-written body and a correct length prefix. */
    private static ByteBuf rawFrame(int type, int requestId, Consumer<ByteBuf> body) {
        ByteBuf buf = NoLeaks.ALLOC.buffer();
        buf.writeInt(0).writeByte(type).writeByte(0).writeInt(requestId);
        body.accept(buf);
        buf.setInt(0, buf.readableBytes() - 4);
        return buf;
    }

    private List<ByteBuf> drainOutbound() {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            out.add(b);
        }
        return out;
    }

    private static void releaseIfPayload(Frame f) {
        if (f instanceof PayloadFrame) {
            ((PayloadFrame) f).release();
        }
    }
}
