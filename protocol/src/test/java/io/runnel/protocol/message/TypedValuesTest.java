package io.runnel.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tagged values of properties, map and stream bodies. */
@ExtendWith(NoLeaks.class)
class TypedValuesTest {

    private final ByteBuf buf = NoLeaks.ALLOC.buffer();

    @AfterEach
    void release() {
        buf.release();
    }

    static Stream<Arguments> everyTag() {
        return Stream.of(
                Arguments.of(TypedValues.TAG_NULL, null),
                Arguments.of(TypedValues.TAG_BOOLEAN, Boolean.FALSE),
                Arguments.of(TypedValues.TAG_BOOLEAN, Boolean.TRUE),
                Arguments.of(TypedValues.TAG_BYTE, Byte.MIN_VALUE),
                Arguments.of(TypedValues.TAG_SHORT, Short.MAX_VALUE),
                Arguments.of(TypedValues.TAG_INT, -123_456),
                Arguments.of(TypedValues.TAG_LONG, Long.MIN_VALUE),
                Arguments.of(TypedValues.TAG_FLOAT, Float.NaN),
                Arguments.of(TypedValues.TAG_FLOAT, -1.5f),
                Arguments.of(TypedValues.TAG_DOUBLE, Double.NEGATIVE_INFINITY),
                Arguments.of(TypedValues.TAG_DOUBLE, Math.PI),
                Arguments.of(TypedValues.TAG_STRING, "s\u00e9\ud83d\ude00"),
                Arguments.of(TypedValues.TAG_STRING, ""),
                Arguments.of(TypedValues.TAG_BYTES, new byte[] {1, -1}),
                Arguments.of(TypedValues.TAG_CHAR, '\u20ac'));
    }

    @ParameterizedTest
    @MethodSource("everyTag")
    void shouldRoundTripEveryTag(int tag, Object value) {
        TypedValues.writeTagged(buf, value);
        assertThat((int) buf.getUnsignedByte(0)).isEqualTo(tag);
        assertThat(TypedValues.tagOf(value)).isEqualTo(tag);
        Object read = TypedValues.readTagged(buf);
        assertThat(read).isEqualTo(value);
        if (value != null) {
            assertThat(read).isExactlyInstanceOf(value.getClass());
        }
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void shouldRoundTripANullStringAndNullBytes() {
        buf.writeByte(TypedValues.TAG_STRING).writeInt(-1);
        buf.writeByte(TypedValues.TAG_BYTES).writeInt(-1);
        assertThat(TypedValues.readTagged(buf)).isNull();
        assertThat(TypedValues.readTagged(buf)).isNull();
    }

    @Test
    void shouldWriteFloatsAndDoublesAsTheirBits() {
        TypedValues.writeTagged(buf, 1.0f);
        TypedValues.writeTagged(buf, 1.0d);
        assertThat(buf.getInt(1)).isEqualTo(Float.floatToIntBits(1.0f));
        assertThat(buf.getLong(6)).isEqualTo(Double.doubleToLongBits(1.0d));
    }

    @Test
    void shouldReadAStreamOfValuesToTheEnd() {
        Object[] values = {1, "two", null, 3L, new byte[] {4}};
        for (Object v : values) {
            TypedValues.writeTagged(buf, v);
        }
        int i = 0;
        while (buf.isReadable()) {
            assertThat(TypedValues.readTagged(buf)).isEqualTo(values[i++]);
        }
        assertThat(i).isEqualTo(values.length);
    }

    @Test
    void shouldRejectAnUnknownTagATruncatedValueAndABadBoolean() {
        buf.writeByte(11);
        assertMalformed();
        buf.clear().writeByte(TypedValues.TAG_LONG).writeInt(1);
        assertMalformed();
        buf.clear().writeByte(TypedValues.TAG_BOOLEAN).writeByte(2);
        assertMalformed();
        buf.clear().writeByte(TypedValues.TAG_STRING).writeInt(Integer.MAX_VALUE);
        assertMalformed();
        buf.clear();
        assertMalformed();
    }

    @Test
    void shouldSkipEveryTagWithTheSameChecksAsReading() {
        everyTag().forEach(a -> TypedValues.writeTagged(buf, a.get()[1]));
        while (buf.isReadable()) {
            TypedValues.skipValue(buf, buf.readUnsignedByte());
        }
        buf.clear().writeByte(TypedValues.TAG_DOUBLE).writeShort(0);
        assertThatThrownBy(() -> TypedValues.skipValue(buf, buf.readUnsignedByte()))
                .isInstanceOf(ProtocolException.class);
        buf.clear();
        assertThatThrownBy(() -> TypedValues.skipValue(buf, 42)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldRefuseToWriteATypeWithoutATag() {
        assertThatThrownBy(() -> TypedValues.writeTagged(buf, new Object())).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(buf.isReadable()).isFalse();
    }

    private void assertMalformed() {
        assertThatThrownBy(() -> TypedValues.readTagged(buf)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
    }
}
