package io.runnel.protocol.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.Limits;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.PayloadFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.frame.SessionOpenFrame;

/**
 * Writes a {@link Frame} as length prefix + header + body (the frame header is drawn on {@link Frame}, each body on
 * its record).
 *
 * <p>For a {@link PayloadFrame} it emits two buffers: a small one with the prefix, header and fixed fields, then a
 * retained slice of the message, so the message is never copied. The writer's own reference to the message is left
 * alone: the writer still releases it (see {@link PayloadFrame}). The buffers emitted are released by the transport
 * once written, or on a failed write.
 *
 * <p>A frame whose length prefix would exceed the limit given at construction fails its write with a
 * {@code ProtocolException(FRAME_TOO_LARGE)} (wrapped by Netty in an {@code EncoderException}); nothing is sent.
 *
 * <p>Stateless; {@code @Sharable} and thread-safe.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    private final int maxFrameSize;

    /** Creates an encoder that accepts frames up to {@link Limits#DEFAULT_MAX_FRAME_SIZE}. */
    public FrameEncoder() {
        this(Limits.DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * @param maxFrameSize the largest frame to send, length prefix included (as {@code LengthFieldBasedFrameDecoder}
     *                     counts it on the other side)
     */
    public FrameEncoder(int maxFrameSize) {
        super(Frame.class);
        if (maxFrameSize < Limits.LENGTH_FIELD_SIZE + Limits.HEADER_SIZE) {
            throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + " is below the frame header size");
        }
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        ByteBuf header = encodeHeader(frame, ctx.alloc(), maxFrameSize);
        out.add(header);
        if (frame instanceof PayloadFrame) {
            // the transport releases this extra reference once written; the frame's own stays with the writer
            out.add(((PayloadFrame) frame).message().retainedSlice());
        }
    }

    /**
     * Writes the length prefix, header and body of a frame; for a payload frame, everything but the message, with
     * the length prefix counting the message's readable bytes too.
     *
     * @param frame        the frame
     * @param alloc        where the buffer comes from
     * @param maxFrameSize the largest frame allowed, length prefix included
     * @return a new buffer owned by the caller
     * @throws ProtocolException FRAME_TOO_LARGE if the frame exceeds {@code maxFrameSize}
     */
    static ByteBuf encodeHeader(Frame frame, ByteBufAllocator alloc, int maxFrameSize) {
        ByteBuf buf = alloc.ioBuffer(64);
        try {
            buf.writeInt(0); // length, set below
            buf.writeByte(frame.type().code());
            buf.writeByte(0); // flags
            buf.writeInt(frame.requestId());
            writeBody(frame, buf);
            long payload = frame instanceof PayloadFrame ? ((PayloadFrame) frame).message().readableBytes() : 0;
            long length = buf.readableBytes() - Limits.LENGTH_FIELD_SIZE + payload;
            if (length + Limits.LENGTH_FIELD_SIZE > maxFrameSize) {
                throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, frame.type() + " frame of "
                        + (length + Limits.LENGTH_FIELD_SIZE) + " bytes exceeds the limit of " + maxFrameSize);
            }
            buf.setInt(0, (int) length);
            ByteBuf result = buf;
            buf = null;
            return result;
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    private static void writeBody(Frame frame, ByteBuf out) {
        switch (frame.type()) {
            case CONNECT: {
                ConnectFrame f = (ConnectFrame) frame;
                out.writeInt(f.minVersion());
                out.writeInt(f.maxVersion());
                Wire.writeString(out, f.clientId());
                Wire.writeString(out, f.username());
                Wire.writeString(out, f.password());
                break;
            }
            case CONNECTED: {
                ConnectedFrame f = (ConnectedFrame) frame;
                out.writeInt(f.version());
                Wire.writeString(out, f.brokerId());
                out.writeLong(f.connectionId());
                break;
            }
            case DISCONNECT:
            case OK:
            case PING:
                break;
            case ERROR: {
                ErrorFrame f = (ErrorFrame) frame;
                out.writeInt(f.code().code());
                Wire.writeString(out, f.message());
                break;
            }
            case SESSION_OPEN: {
                SessionOpenFrame f = (SessionOpenFrame) frame;
                out.writeInt(f.sessionId());
                out.writeInt(f.ackMode());
                break;
            }
            case SESSION_CLOSE:
                out.writeInt(((SessionCloseFrame) frame).sessionId());
                break;
            case COMMIT:
                out.writeInt(((CommitFrame) frame).sessionId());
                break;
            case ROLLBACK:
                out.writeInt(((RollbackFrame) frame).sessionId());
                break;
            case SEND: {
                SendFrame f = (SendFrame) frame;
                out.writeInt(f.sessionId());
                Wire.writeDestination(out, f.destination());
                break;
            }
            case CONSUMER_OPEN: {
                ConsumerOpenFrame f = (ConsumerOpenFrame) frame;
                out.writeInt(f.sessionId());
                out.writeLong(f.consumerId());
                Wire.writeDestination(out, f.destination());
                Wire.writeString(out, f.selector());
                Wire.writeBool(out, f.noLocal());
                Wire.writeString(out, f.subscriptionName());
                out.writeInt(f.subscriptionFlags());
                out.writeInt(f.credit());
                break;
            }
            case CONSUMER_CLOSE: {
                ConsumerCloseFrame f = (ConsumerCloseFrame) frame;
                out.writeLong(f.consumerId());
                Wire.writeLongs(out, f.undeliveredIds());
                break;
            }
            case CREDIT: {
                CreditFrame f = (CreditFrame) frame;
                out.writeLong(f.consumerId());
                out.writeInt(f.credit());
                break;
            }
            case DELIVER: {
                DeliverFrame f = (DeliverFrame) frame;
                out.writeLong(f.consumerId());
                out.writeLong(f.deliveryId());
                out.writeInt(f.deliveryCount());
                break;
            }
            case ACK: {
                AckFrame f = (AckFrame) frame;
                out.writeInt(f.sessionId());
                out.writeByte(f.ackType().code());
                Wire.writeLongs(out, f.deliveryIds());
                break;
            }
            default:
                throw new IllegalArgumentException("no encoder for frame type " + frame.type());
        }
    }
}
