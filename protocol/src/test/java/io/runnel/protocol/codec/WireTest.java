package io.runnel.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The field encodings of docs/protocol.md. */
@ExtendWith(NoLeaks.class)
class WireTest {

    private final ByteBuf buf = NoLeaks.ALLOC.buffer();

    @AfterEach
    void release() {
        buf.release();
    }

    @Test
    void shouldRoundTripStringsIncludingNullEmptyAndNonAscii() {
        String[] values = {null, "", "orders", "\u00e9t\u00e9 \u20ac \ud83d\ude00"};
        for (String s : values) {
            Wire.writeString(buf, s);
        }
        for (String s : values) {
            assertThat(Wire.readString(buf)).isEqualTo(s);
        }
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void shouldPrefixAStringWithItsUtf8ByteLength() {
        Wire.writeString(buf, "\u20ac");
        assertThat(buf.readInt()).isEqualTo(3);
        assertThat(buf.readableBytes()).isEqualTo(3);
    }

    @Test
    void shouldRejectAStringLengthBelowMinusOneOrBeyondTheBuffer() {
        buf.writeInt(-2);
        assertMalformed(() -> Wire.readString(buf));
        buf.clear().writeInt(5).writeByte('a');
        assertMalformed(() -> Wire.readString(buf));
        buf.clear().writeInt(Integer.MAX_VALUE);
        assertMalformed(() -> Wire.readString(buf));
        buf.clear().writeShort(1);
        assertMalformed(() -> Wire.readString(buf));
    }

    @Test
    void shouldRoundTripBytesIncludingNullAndEmpty() {
        Wire.writeBytes(buf, null);
        Wire.writeBytes(buf, new byte[0]);
        Wire.writeBytes(buf, new byte[] {1, 2, -3});
        assertThat(Wire.readBytes(buf)).isNull();
        assertThat(Wire.readBytes(buf)).isEmpty();
        assertThat(Wire.readBytes(buf)).containsExactly(1, 2, -3);
    }

    @Test
    void shouldRejectABytesLengthClaiming2GiB() {
        buf.writeInt(Integer.MAX_VALUE).writeZero(16);
        assertMalformed(() -> Wire.readBytes(buf));
    }

    @Test
    void shouldSkipBytesAndStringsWithTheSameChecks() {
        Wire.writeString(buf, "skip me");
        Wire.writeBytes(buf, null);
        buf.writeInt(100);
        Wire.skipBytes(buf);
        Wire.skipBytes(buf);
        assertMalformed(() -> Wire.skipBytes(buf));
    }

    @Test
    void shouldRoundTripLongsAndWriteNullAsEmpty() {
        Wire.writeLongs(buf, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
        Wire.writeLongs(buf, null);
        assertThat(Wire.readLongs(buf)).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
        assertThat(Wire.readLongs(buf)).isEmpty();
    }

    @Test
    void shouldRejectALongsCountThatIsNegativeOrBeyondTheBuffer() {
        buf.writeInt(-1);
        assertMalformed(() -> Wire.readLongs(buf));
        buf.clear().writeInt(2).writeLong(1L).writeInt(0);
        assertMalformed(() -> Wire.readLongs(buf));
        buf.clear().writeInt(Integer.MAX_VALUE);
        assertMalformed(() -> Wire.readLongs(buf));
    }

    @Test
    void shouldRoundTripEveryDestinationKindAndNull() {
        Wire.writeDestination(buf, null);
        for (DestinationType t : DestinationType.values()) {
            Wire.writeDestination(buf, new DestinationRef(t, "d-" + t));
        }
        assertThat(Wire.readDestination(buf)).isNull();
        for (DestinationType t : DestinationType.values()) {
            assertThat(Wire.readDestination(buf)).isEqualTo(new DestinationRef(t, "d-" + t));
        }
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void shouldRejectADestinationWithAnUnknownKindANullNameOrAnInvalidName() {
        buf.writeByte(5);
        Wire.writeString(buf, "q");
        assertMalformed(() -> Wire.readDestination(buf));
        buf.clear().writeByte(1);
        Wire.writeString(buf, null);
        assertMalformed(() -> Wire.readDestination(buf));
        buf.clear().writeByte(1);
        Wire.writeString(buf, "");
        assertMalformed(() -> Wire.readDestination(buf));
        buf.clear().writeByte(2);
        Wire.writeString(buf, "x".repeat(256));
        assertMalformed(() -> Wire.readDestination(buf));
        buf.clear().writeByte(2).writeInt(Integer.MAX_VALUE);
        assertMalformed(() -> Wire.readDestination(buf));
        buf.clear();
        assertMalformed(() -> Wire.readDestination(buf));
    }

    @Test
    void shouldReadBoolsStrictly() {
        Wire.writeBool(buf, true);
        Wire.writeBool(buf, false);
        buf.writeByte(2);
        assertThat(Wire.readBool(buf)).isTrue();
        assertThat(Wire.readBool(buf)).isFalse();
        assertMalformed(() -> Wire.readBool(buf));
        assertMalformed(() -> Wire.readBool(buf));
    }

    private static void assertMalformed(Runnable read) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
    }
}
