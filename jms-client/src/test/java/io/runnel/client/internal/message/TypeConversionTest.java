package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.jms.MessageFormatException;

class TypeConversionTest {

    @Test
    void shouldWidenIntegralTypesAsTheTableAllows() throws Exception {
        assertThat(TypeConversion.toShort((byte) 7)).isEqualTo((short) 7);
        assertThat(TypeConversion.toInt((byte) 7)).isEqualTo(7);
        assertThat(TypeConversion.toInt((short) 7)).isEqualTo(7);
        assertThat(TypeConversion.toLong((byte) 7)).isEqualTo(7L);
        assertThat(TypeConversion.toLong((short) 7)).isEqualTo(7L);
        assertThat(TypeConversion.toLong(7)).isEqualTo(7L);
        assertThat(TypeConversion.toDouble(1.5f)).isEqualTo(1.5d);
    }

    @Test
    void shouldRefuseNarrowingAndCrossFamilyConversions() {
        assertThatThrownBy(() -> TypeConversion.toByte((short) 1)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toShort(1)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toInt(1L)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toFloat(1.0d)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toLong(1.0f)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toDouble(1)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toBoolean(1)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toInt(true)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toChar("a")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toBytes("a")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toStringValue(new byte[] {1}))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldParseStringsWithTheWrapperValueOf() throws Exception {
        assertThat(TypeConversion.toBoolean("TRUE")).isTrue();
        assertThat(TypeConversion.toBoolean("yes")).isFalse();
        assertThat(TypeConversion.toByte("12")).isEqualTo((byte) 12);
        assertThat(TypeConversion.toShort("-3")).isEqualTo((short) -3);
        assertThat(TypeConversion.toInt("42")).isEqualTo(42);
        assertThat(TypeConversion.toLong("9000000000")).isEqualTo(9_000_000_000L);
        assertThat(TypeConversion.toFloat("2.5")).isEqualTo(2.5f);
        assertThat(TypeConversion.toDouble("2.25")).isEqualTo(2.25d);
        assertThatThrownBy(() -> TypeConversion.toInt("forty-two")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toByte("300")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void shouldConvertEveryPropertyTypeToString() throws Exception {
        assertThat(TypeConversion.toStringValue(true)).isEqualTo("true");
        assertThat(TypeConversion.toStringValue((byte) 1)).isEqualTo("1");
        assertThat(TypeConversion.toStringValue(1.5d)).isEqualTo("1.5");
        assertThat(TypeConversion.toStringValue('x')).isEqualTo("x");
    }

    @Test
    void shouldTreatNullLikeValueOfNull() throws Exception {
        assertThat(TypeConversion.toBoolean(null)).isFalse();
        assertThat(TypeConversion.toStringValue(null)).isNull();
        assertThat(TypeConversion.toBytes(null)).isNull();
        assertThatThrownBy(() -> TypeConversion.toByte(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toShort(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toInt(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toLong(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TypeConversion.toFloat(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TypeConversion.toDouble(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TypeConversion.toChar(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldCopyByteArraysOnRead() throws Exception {
        byte[] stored = {1, 2, 3};
        byte[] read = TypeConversion.toBytes(stored);
        read[0] = 9;
        assertThat(stored[0]).isEqualTo((byte) 1);
    }
}
