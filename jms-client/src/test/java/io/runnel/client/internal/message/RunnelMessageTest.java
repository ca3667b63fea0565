package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

class RunnelMessageTest {

    @Test
    void shouldRefuseInvalidPropertyNames() {
        RunnelMessage message = new RunnelMessage();
        assertThatThrownBy(() -> message.setStringProperty(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setStringProperty("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setIntProperty("1abc", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setIntProperty("a-b", 1)).isInstanceOf(IllegalArgumentException.class);
        for (String reserved : new String[] {"NULL", "true", "False", "NOT", "and", "OR", "BETWEEN", "like", "IN",
                "is", "ESCAPE"}) {
            assertThatThrownBy(() -> message.setBooleanProperty(reserved, true))
                    .as(reserved).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatCode(() -> message.setIntProperty("$valid_Name9", 1)).doesNotThrowAnyException();
    }

    @Test
    void shouldConvertPropertiesAsTheTableSays() throws Exception {
        RunnelMessage message = new RunnelMessage();
        message.setByteProperty("b", (byte) 5);
        message.setStringProperty("s", "17");
        message.setFloatProperty("f", 1.5f);
        message.setBooleanProperty("flag", true);

        assertThat(message.getShortProperty("b")).isEqualTo((short) 5);
        assertThat(message.getLongProperty("b")).isEqualTo(5L);
        assertThat(message.getStringProperty("b")).isEqualTo("5");
        assertThat(message.getIntProperty("s")).isEqualTo(17);
        assertThat(message.getDoubleProperty("f")).isEqualTo(1.5d);
        assertThat(message.getStringProperty("flag")).isEqualTo("true");
        assertThatThrownBy(() -> message.getIntProperty("f")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getBooleanProperty("b")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getByteProperty("f")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldReadMissingPropertiesLikeValueOfNull() throws Exception {
        RunnelMessage message = new RunnelMessage();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThat(message.propertyExists("missing")).isFalse();
        assertThatThrownBy(() -> message.getIntProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldAcceptOnlyPropertyTypesAsObjectProperties() throws Exception {
        RunnelMessage message = new RunnelMessage();
        message.setObjectProperty("i", 3);
        assertThat(message.getObjectProperty("i")).isEqualTo(3);
        assertThatThrownBy(() -> message.setObjectProperty("c", 'c')).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("a", new byte[1]))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("l", Collections.emptyList()))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldCheckTheTypesOfSettableJmsxProperties() throws Exception {
        RunnelMessage message = new RunnelMessage();
        message.setStringProperty("JMSXGroupID", "orders-7");
        message.setIntProperty("JMSXGroupSeq", 3);
        assertThatThrownBy(() -> message.setIntProperty("JMSXGroupID", 1)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setStringProperty("JMSXGroupSeq", "1"))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldListPropertyNamesInInsertionOrder() throws Exception {
        RunnelMessage message = new RunnelMessage();
        message.setIntProperty("b", 1);
        message.setIntProperty("a", 2);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("b", "a");
    }

    @Test
    void shouldMakePropertiesReadOnlyOnReceiptUntilCleared() throws Exception {
        RunnelMessage sent = new RunnelMessage();
        sent.setStringProperty("color", "red");
        RunnelMessage received = WireRoundTrip.receive(sent);

        assertThat(received.getStringProperty("color")).isEqualTo("red");
        assertThatThrownBy(() -> received.setStringProperty("color", "blue"))
                .isInstanceOf(MessageNotWriteableException.class);
        received.clearProperties();
        assertThat(received.propertyExists("color")).isFalse();
        received.setStringProperty("color", "blue");
        assertThat(received.getStringProperty("color")).isEqualTo("blue");
    }

    @Test
    void shouldRoundTripEveryHeaderAndPropertyType() throws Exception {
        RunnelMessage sent = new RunnelMessage();
        sent.setJMSMessageID("ID:abc:1");
        sent.setJMSTimestamp(1_000L);
        sent.setJMSCorrelationID("corr-1");
        sent.setJMSReplyTo(new RunnelTopic("replies"));
        sent.setJMSDestination(new RunnelQueue("orders"));
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        sent.setJMSType("order");
        sent.setJMSExpiration(5_000L);
        sent.setJMSDeliveryTime(1_000L);
        sent.setJMSPriority(7);
        sent.setBooleanProperty("bool", true);
        sent.setByteProperty("byte", (byte) -1);
        sent.setShortProperty("short", (short) 300);
        sent.setIntProperty("int", 70_000);
        sent.setLongProperty("long", 1L << 40);
        sent.setFloatProperty("float", 0.5f);
        sent.setDoubleProperty("double", 0.25d);
        sent.setStringProperty("string", "héllo");
        sent.setStringProperty("nothing", null);

        RunnelMessage received = WireRoundTrip.receive(sent);

        assertThat(received.getJMSMessageID()).isEqualTo("ID:abc:1");
        assertThat(received.getJMSTimestamp()).isEqualTo(1_000L);
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(received.getJMSReplyTo()).isEqualTo(new RunnelTopic("replies"));
        assertThat(received.getJMSDestination()).isEqualTo(new RunnelQueue("orders"));
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSType()).isEqualTo("order");
        assertThat(received.getJMSExpiration()).isEqualTo(5_000L);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(1_000L);
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getObjectProperty("bool")).isEqualTo(true);
        assertThat(received.getObjectProperty("byte")).isEqualTo((byte) -1);
        assertThat(received.getObjectProperty("short")).isEqualTo((short) 300);
        assertThat(received.getObjectProperty("int")).isEqualTo(70_000);
        assertThat(received.getObjectProperty("long")).isEqualTo(1L << 40);
        assertThat(received.getObjectProperty("float")).isEqualTo(0.5f);
        assertThat(received.getObjectProperty("double")).isEqualTo(0.25d);
        assertThat(received.getObjectProperty("string")).isEqualTo("héllo");
        assertThat(received.propertyExists("nothing")).isTrue();
        assertThat(received.getStringProperty("nothing")).isNull();
    }

    @Test
    void shouldRoundTripABytesCorrelationId() throws Exception {
        RunnelMessage sent = new RunnelMessage();
        sent.setJMSCorrelationIDAsBytes(new byte[] {0, (byte) 0xff, 7});
        RunnelMessage received = WireRoundTrip.receive(sent);
        assertThat(received.getJMSCorrelationIDAsBytes()).containsExactly(0, 0xff, 7);
    }

    @Test
    void shouldExposeTheStringCorrelationIdAsUtf8Bytes() {
        RunnelMessage message = new RunnelMessage();
        message.setJMSCorrelationID("é");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSetDeliveryCountAndRedeliveredFromTheDelivery() throws Exception {
        RunnelMessage first = WireRoundTrip.receive(new RunnelMessage(), 1, null);
        RunnelMessage second = WireRoundTrip.receive(new RunnelMessage(), 2, null);

        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void shouldNotSendTheDeliveryCount() throws Exception {
        RunnelMessage received = WireRoundTrip.receive(new RunnelMessage(), 3, null);
        assertThat(received.toWire().getProperties()).doesNotContainKey("JMSXDeliveryCount");
    }

    @Test
    void shouldCallTheAcknowledgerOfAReceivedMessage() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunnelMessage received = WireRoundTrip.receive(new RunnelMessage(), 1, calls::incrementAndGet);
        received.acknowledge();
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldIgnoreAcknowledgeOnAMessageNotReceived() {
        assertThatCode(() -> new RunnelMessage().acknowledge()).doesNotThrowAnyException();
    }

    @Test
    void shouldHaveNoBodyAssignableToAnything() throws Exception {
        RunnelMessage message = new RunnelMessage();
        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
    }
}
