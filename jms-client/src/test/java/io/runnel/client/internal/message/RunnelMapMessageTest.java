package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

class RunnelMapMessageTest {

    @Test
    void shouldRoundTripEveryBodyType() throws Exception {
        RunnelMapMessage sent = new RunnelMapMessage();
        sent.setBoolean("bool", true);
        sent.setByte("byte", (byte) 1);
        sent.setShort("short", (short) 2);
        sent.setChar("char", 'c');
        sent.setInt("int", 3);
        sent.setLong("long", 4L);
        sent.setFloat("float", 5.5f);
        sent.setDouble("double", 6.5d);
        sent.setString("string", "seven");
        sent.setBytes("bytes", new byte[] {8, 9});
        sent.setBytes("slice", new byte[] {1, 2, 3, 4}, 1, 2);
        sent.setObject("null", null);

        RunnelMapMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThat(received.getBoolean("bool")).isTrue();
        assertThat(received.getByte("byte")).isEqualTo((byte) 1);
        assertThat(received.getShort("short")).isEqualTo((short) 2);
        assertThat(received.getChar("char")).isEqualTo('c');
        assertThat(received.getInt("int")).isEqualTo(3);
        assertThat(received.getLong("long")).isEqualTo(4L);
        assertThat(received.getFloat("float")).isEqualTo(5.5f);
        assertThat(received.getDouble("double")).isEqualTo(6.5d);
        assertThat(received.getString("string")).isEqualTo("seven");
        assertThat(received.getBytes("bytes")).containsExactly(8, 9);
        assertThat(received.getBytes("slice")).containsExactly(2, 3);
        assertThat(received.itemExists("null")).isTrue();
        assertThat(received.getObject("null")).isNull();
        assertThat(Collections.list(received.getMapNames())).containsExactly("bool", "byte", "short", "char", "int",
                "long", "float", "double", "string", "bytes", "slice", "null");
    }

    @Test
    void shouldConvertValuesAsTheTableSays() throws Exception {
        RunnelMapMessage message = new RunnelMapMessage();
        message.setShort("short", (short) 2);
        message.setChar("char", 'c');
        message.setString("number", "12");
        assertThat(message.getLong("short")).isEqualTo(2L);
        assertThat(message.getString("char")).isEqualTo("c");
        assertThat(message.getInt("number")).isEqualTo(12);
        assertThatThrownBy(() -> message.getByte("short")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getInt("char")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getChar("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldRefuseInvalidNamesAndObjects() {
        RunnelMapMessage message = new RunnelMapMessage();
        assertThatThrownBy(() -> message.setInt("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObject("x", new Object())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldBeReadOnlyOnReceiptUntilCleared() throws Exception {
        RunnelMapMessage sent = new RunnelMapMessage();
        sent.setInt("a", 1);
        RunnelMapMessage received = WireRoundTrip.receive(sent, 1, null);
        assertThatThrownBy(() -> received.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.itemExists("a")).isFalse();
        received.setInt("b", 2);
        assertThat(received.getInt("b")).isEqualTo(2);
    }

    @Test
    void shouldReturnTheMapAsBody() throws Exception {
        RunnelMapMessage message = new RunnelMapMessage();
        assertThat((Object) message.getBody(Map.class)).isNull();
        message.setInt("a", 1);
        Map<?, ?> body = message.getBody(Map.class);
        assertThat(body.get("a")).isEqualTo(1);
        assertThat(message.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
    }

    @Test
    void shouldReportAMalformedBodyOnAccessNotOnReceipt() throws Exception {
        WireMessage wire = new WireMessage();
        wire.setBodyType(WireMessage.BODY_MAP);
        wire.setBody(new byte[] {0, 0, 0, 5});
        RunnelMapMessage received = (RunnelMapMessage) WireMessages.fromWire(wire, 1, null);
        assertThatThrownBy(() -> received.getInt("a")).isInstanceOf(MessageFormatException.class);
    }
}
