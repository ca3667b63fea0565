package io.runnel.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading the fixed header in place, from a {@code ByteBuf} and from a {@code ByteBuffer}. */
@ExtendWith(NoLeaks.class)
class MessageViewTest {

    private static final int PREFIX = 5;

    private static WireMessage message(boolean persistent) {
        WireMessage m = new WireMessage();
        m.setPersistent(persistent);
        m.setPriority(7);
        m.setBodyType(WireMessage.BODY_MAP);
        m.setTimestamp(111L);
        m.setExpiration(0x0102030405060708L);
        m.setDeliveryTime(-2L);
        m.setCorrelationIdAsString("c");
        m.setMessageId("id");
        return m;
    }

    /** The message behind {@link #PREFIX} unrelated bytes, reader index on the message. */
    private static ByteBuf encodedAfterPrefix(boolean persistent) {
        ByteBuf buf = NoLeaks.ALLOC.buffer();
        buf.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        message(persistent).encode(buf);
        buf.readerIndex(PREFIX);
        return buf;
    }

    @Test
    void shouldReadTheFixedHeaderFromAByteBufRelativeToItsReaderIndex() {
        ByteBuf buf = encodedAfterPrefix(true);
        try {
            assertThat(MessageView.isPersistent(buf)).isTrue();
            assertThat(MessageView.priority(buf)).isEqualTo(7);
            assertThat(MessageView.bodyType(buf)).isEqualTo(WireMessage.BODY_MAP);
            assertThat(MessageView.timestamp(buf)).isEqualTo(111L);
            assertThat(MessageView.expiration(buf)).isEqualTo(0x0102030405060708L);
            assertThat(MessageView.deliveryTime(buf)).isEqualTo(-2L);
            assertThat(buf.readerIndex()).isEqualTo(PREFIX);
        } finally {
            buf.release();
        }
        ByteBuf notPersistent = encodedAfterPrefix(false);
        try {
            assertThat(MessageView.isPersistent(notPersistent)).as("string correlation flag is not persistence")
                    .isFalse();
        } finally {
            notPersistent.release();
        }
    }

    @Test
    void shouldReadTheFixedHeaderFromAByteBufferRelativeToItsPositionInEitherByteOrder() {
        ByteBuf buf = encodedAfterPrefix(true);
        try {
            byte[] bytes = new byte[buf.writerIndex()];
            buf.getBytes(0, bytes);
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (ByteBuffer bb : new ByteBuffer[] {ByteBuffer.wrap(bytes), direct(bytes)}) {
                    bb.order(order).position(PREFIX);
                    assertThat(MessageView.isPersistent(bb)).isTrue();
                    assertThat(MessageView.priority(bb)).isEqualTo(7);
                    assertThat(MessageView.bodyType(bb)).isEqualTo(WireMessage.BODY_MAP);
                    assertThat(MessageView.timestamp(bb)).isEqualTo(111L);
                    assertThat(MessageView.expiration(bb)).as("order %s", order).isEqualTo(0x0102030405060708L);
                    assertThat(MessageView.deliveryTime(bb)).isEqualTo(-2L);
                    assertThat(bb.position()).isEqualTo(PREFIX);
                }
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldRejectABufferShorterThanTheFixedHeader() {
        ByteBuf buf = NoLeaks.ALLOC.buffer(64).writeZero(MessageView.FIXED_HEADER_SIZE - 1);
        try {
            assertThatThrownBy(() -> MessageView.expiration(buf)).isInstanceOf(ProtocolException.class);
            assertThatThrownBy(() -> MessageView.priority(buf)).isInstanceOf(ProtocolException.class);
        } finally {
            buf.release();
        }
        ByteBuffer bb = ByteBuffer.allocate(64);
        bb.limit(MessageView.FIXED_HEADER_SIZE - 1);
        assertThatThrownBy(() -> MessageView.isPersistent(bb)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> MessageView.deliveryTime(bb)).isInstanceOf(ProtocolException.class);
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer bb = ByteBuffer.allocateDirect(bytes.length);
        bb.put(bytes).flip();
        return bb;
    }
}
