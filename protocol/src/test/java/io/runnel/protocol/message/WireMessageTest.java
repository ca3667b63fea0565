package io.runnel.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The message wire format: encode, decode, validate. */
@ExtendWith(NoLeaks.class)
class WireMessageTest {

    private final ByteBuf buf = NoLeaks.ALLOC.buffer();

    @AfterEach
    void release() {
        buf.release();
    }

    static WireMessage fullMessage() {
        WireMessage m = new WireMessage();
        m.setPersistent(true);
        m.setBodyType(WireMessage.BODY_TEXT);
        m.setPriority(9);
        m.setTimestamp(1_700_000_000_000L);
        m.setExpiration(1_700_000_060_000L);
        m.setDeliveryTime(1_700_000_001_000L);
        m.setMessageId("ID:runnel-1-2-3");
        m.setType("order.created");
        m.setCorrelationIdAsString("corr-\u00e9");
        m.setDestination(DestinationRef.queue("orders"));
        m.setReplyTo(new DestinationRef(DestinationType.TEMP_QUEUE, "tmp.reply.1"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bool", Boolean.TRUE);
        p.put("byte", (byte) -7);
        p.put("short", (short) 12_345);
        p.put("int", Integer.MIN_VALUE);
        p.put("long", Long.MAX_VALUE);
        p.put("float", 3.25f);
        p.put("double", -0.0d);
        p.put("string", "r\u00e9d");
        p.put("nullString", null);
        p.put("", "empty name");
        m.setProperties(p);
        m.setBody("hello \u20ac".getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void shouldRoundTripEveryFieldAndPropertyType() {
        WireMessage sent = fullMessage();
        sent.encode(buf);
        WireMessage got = WireMessage.decode(buf);

        assertThat(buf.isReadable()).isFalse();
        assertThat(got.isPersistent()).isTrue();
        assertThat(got.getBodyType()).isEqualTo(WireMessage.BODY_TEXT);
        assertThat(got.getPriority()).isEqualTo(9);
        assertThat(got.getTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(got.getExpiration()).isEqualTo(1_700_000_060_000L);
        assertThat(got.getDeliveryTime()).isEqualTo(1_700_000_001_000L);
        assertThat(got.getMessageId()).isEqualTo("ID:runnel-1-2-3");
        assertThat(got.getType()).isEqualTo("order.created");
        assertThat(got.isCorrelationIdIsString()).isTrue();
        assertThat(got.getCorrelationIdAsString()).isEqualTo("corr-\u00e9");
        assertThat(got.getDestination()).isEqualTo(DestinationRef.queue("orders"));
        assertThat(got.getReplyTo()).isEqualTo(new DestinationRef(DestinationType.TEMP_QUEUE, "tmp.reply.1"));
        assertThat(got.getProperties()).isInstanceOf(LinkedHashMap.class)
                .containsExactlyEntriesOf(sent.getProperties());
        assertThat(got.getProperties().get("double")).isEqualTo(-0.0d);
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello \u20ac");
    }

    @Test
    void shouldRoundTripANullBodyBytesCorrelationIdAndNullReplyTo() {
        WireMessage sent = new WireMessage();
        sent.setCorrelationId(new byte[] {0, -1, 42});
        sent.setCorrelationIdIsString(false);
        sent.encode(buf);
        WireMessage got = WireMessage.decode(buf);

        assertThat(got.getBody()).isNull();
        assertThat(got.getReplyTo()).isNull();
        assertThat(got.getDestination()).isNull();
        assertThat(got.getMessageId()).isNull();
        assertThat(got.getCorrelationId()).containsExactly(0, -1, 42);
        assertThat(got.isCorrelationIdIsString()).isFalse();
        assertThat(got.getCorrelationIdAsString()).as("raw bytes are not a string").isNull();
        assertThat(got.isPersistent()).isFalse();
        assertThat(got.getPriority()).isEqualTo(4);
        assertThat(got.getBodyType()).isEqualTo(WireMessage.BODY_MESSAGE);
        assertThat(got.getProperties()).isEmpty();
    }

    @Test
    void shouldRoundTripAnEmptyBodyDistinctFromNull() {
        WireMessage sent = new WireMessage();
        sent.setBodyType(WireMessage.BODY_BYTES);
        sent.setBody(new byte[0]);
        sent.encode(buf);
        assertThat(WireMessage.decode(buf).getBody()).isEmpty();
    }

    @Test
    void shouldWriteTheFixedHeaderAtTheDocumentedOffsets() {
        fullMessage().encode(buf);
        assertThat(buf.getByte(0)).as("format").isEqualTo((byte) 1);
        assertThat(buf.getByte(1)).as("flags: persistent + string correlation id").isEqualTo((byte) 0b11);
        assertThat(buf.getByte(2)).as("bodyType").isEqualTo((byte) WireMessage.BODY_TEXT);
        assertThat(buf.getByte(3)).as("priority").isEqualTo((byte) 9);
        assertThat(buf.getLong(4)).isEqualTo(1_700_000_000_000L);
        assertThat(buf.getLong(12)).isEqualTo(1_700_000_060_000L);
        assertThat(buf.getLong(20)).isEqualTo(1_700_000_001_000L);
        assertThat(buf.getInt(28)).as("messageId length").isEqualTo("ID:runnel-1-2-3".length());
    }

    @Test
    void shouldDecodeFromTheReaderIndexAndStopAfterTheMessage() {
        buf.writeBytes(new byte[] {9, 9, 9});
        fullMessage().encode(buf);
        int end = buf.writerIndex();
        buf.writeInt(0xCAFE);
        buf.readerIndex(3);
        assertThat(WireMessage.decode(buf).getMessageId()).isEqualTo("ID:runnel-1-2-3");
        assertThat(buf.readerIndex()).isEqualTo(end);
    }

    @Test
    void shouldEstimateAtLeastTheEncodedSize() {
        WireMessage m = fullMessage();
        m.encode(buf);
        assertThat(m.encodedSizeEstimate()).isGreaterThanOrEqualTo(buf.readableBytes());
        WireMessage empty = new WireMessage();
        buf.clear();
        empty.encode(buf);
        assertThat(empty.encodedSizeEstimate()).isGreaterThanOrEqualTo(buf.readableBytes());
    }

    @Test
    void shouldRejectEveryTruncationOfAValidMessage() {
        fullMessage().encode(buf);
        for (int length = 0; length < buf.readableBytes(); length++) {
            ByteBuf prefix = buf.slice(0, length);
            int len = length;
            assertThatThrownBy(() -> WireMessage.decode(prefix.duplicate())).as("decode %d bytes", len)
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
            assertThatThrownBy(() -> MessageView.validate(prefix)).as("validate %d bytes", len)
                    .isInstanceOf(ProtocolException.class);
        }
        MessageView.validate(buf);
    }

    @Test
    void shouldRejectAWrongFormatBodyTypeOrPriority() {
        assertMalformed(m -> m.setByte(0, 2));
        assertMalformed(m -> m.setByte(2, 6));
        assertMalformed(m -> m.setByte(3, 10));
    }

    @Test
    void shouldRejectMalformedProperties() {
        assertMalformed(m -> m.setInt(PROPERTY_COUNT_OFFSET, -1));
        assertMalformed(m -> m.setInt(PROPERTY_COUNT_OFFSET, Integer.MAX_VALUE));
        assertMalformed(m -> m.setInt(PROPERTY_COUNT_OFFSET + 4, -1)); // null property name
        assertMalformed(m -> m.setByte(PROPERTY_COUNT_OFFSET + 4 + 4 + 1, TypedValues.TAG_BYTES)); // "a" tag
        assertMalformed(m -> m.setByte(PROPERTY_COUNT_OFFSET + 4 + 4 + 1, TypedValues.TAG_NULL));
        assertMalformed(m -> m.setByte(PROPERTY_COUNT_OFFSET + 4 + 4 + 1 + 1, 7)); // boolean byte 7
    }

    @Test
    void shouldRejectAStringOrBodyLengthClaiming2GiB() {
        assertMalformed(m -> m.setInt(28, Integer.MAX_VALUE));
        assertMalformed(m -> m.setInt(m.writerIndex() - 4, Integer.MAX_VALUE)); // body length (empty body)
    }

    @Test
    void shouldRejectAnInvalidDestinationInsideAMessage() {
        assertMalformed(m -> m.setByte(PROPERTY_COUNT_OFFSET - 6, 7)); // destination kind (name "q")
    }

    @Test
    void shouldLetValidateRejectTrailingBytesThatDecodeLeavesUnread() {
        smallMessage().encode(buf);
        buf.writeByte(0);
        WireMessage.decode(buf.duplicate());
        assertThatThrownBy(() -> MessageView.validate(buf)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldNotMoveTheReaderIndexWhenValidating() {
        buf.writeByte(0xEE);
        smallMessage().encode(buf);
        buf.readerIndex(1);
        MessageView.validate(buf);
        assertThat(buf.readerIndex()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToEncodePropertiesOfOtherTypesAndPrioritiesOutOfRange() {
        WireMessage m = new WireMessage();
        m.getProperties().put("c", 'c');
        assertThatThrownBy(() -> m.encode(buf)).isInstanceOf(IllegalArgumentException.class);
        m.getProperties().clear();
        m.getProperties().put("b", new byte[0]);
        assertThatThrownBy(() -> m.encode(buf)).isInstanceOf(IllegalArgumentException.class);
        WireMessage p = new WireMessage();
        p.setPriority(10);
        assertThatThrownBy(() -> p.encode(buf)).isInstanceOf(IllegalArgumentException.class);
        WireMessage b = new WireMessage();
        b.setBodyType(6);
        assertThatThrownBy(() -> b.encode(buf)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCopyPropertiesGivenToTheSetter() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("a", 1);
        WireMessage m = new WireMessage();
        m.setProperties(given);
        given.put("b", 2);
        assertThat(m.getProperties()).containsOnlyKeys("a");
        m.setProperties(null);
        assertThat(m.getProperties()).isEmpty();
    }

    /** messageId "m", type null, correlation null, destination queue "q", replyTo null, property a=true, empty body. */
    private static WireMessage smallMessage() {
        WireMessage m = new WireMessage();
        m.setMessageId("m");
        m.setDestination(DestinationRef.queue("q"));
        m.getProperties().put("a", Boolean.TRUE);
        m.setBody(new byte[0]);
        return m;
    }

    /** In {@link #smallMessage()}: 28 + "m" (5) + type (4) + corr (4) + dest (1 + 4 + 1) + replyTo (1). */
    private static final int PROPERTY_COUNT_OFFSET = 28 + 5 + 4 + 4 + 6 + 1;

    private void assertMalformed(Consumer<ByteBuf> corrupt) {
        buf.clear();
        smallMessage().encode(buf);
        assertThat(buf.getInt(PROPERTY_COUNT_OFFSET)).as("layout of smallMessage").isEqualTo(1);
        corrupt.accept(buf);
        assertThatThrownBy(() -> WireMessage.decode(buf.duplicate()))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
        assertThatThrownBy(() -> MessageView.validate(buf))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
    }
}
