package io.runnel.client.it;

import static io.runnel.client.it.BrokerClients.ABSENT_MILLIS;
import static io.runnel.client.it.BrokerClients.connect;
import static io.runnel.client.it.BrokerClients.receiveOrFail;
import static io.runnel.client.it.BrokerClients.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.runnel.testsupport.BrokerExtension;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

@Timeout(60)
class SendReceiveIntegrationTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Session session;
    private Queue queue;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        connection = connect(broker.url());
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(uniqueName(test));
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void shouldRoundTripATextMessageWithItsHeadersAndProperties() throws Exception {
        Queue replies = session.createQueue("replies");
        TextMessage sent = session.createTextMessage("hello, broker");
        sent.setJMSCorrelationID("corr-7");
        sent.setJMSType("greeting");
        sent.setJMSReplyTo(replies);
        sent.setBooleanProperty("bool", true);
        sent.setIntProperty("int", 42);
        sent.setLongProperty("long", 1L << 40);
        sent.setDoubleProperty("double", 0.5);
        sent.setStringProperty("string", "value");
        sent.setStringProperty("JMSXGroupID", "group-1");
        sent.setIntProperty("JMSXGroupSeq", 1);
        producer.setPriority(6);
        producer.setTimeToLive(600_000);

        producer.send(sent);
        TextMessage received = (TextMessage) receiveOrFail(consumer);

        assertThat(received.getText()).isEqualTo("hello, broker");
        assertThat(received.getJMSMessageID()).startsWith("ID:").isEqualTo(sent.getJMSMessageID());
        assertThat(received.getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp()).isPositive();
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr-7");
        assertThat(received.getJMSType()).isEqualTo("greeting");
        assertThat(received.getJMSReplyTo()).isEqualTo(replies);
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(6);
        assertThat(received.getJMSExpiration()).isEqualTo(sent.getJMSTimestamp() + 600_000);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(received.getBooleanProperty("bool")).isTrue();
        assertThat(received.getIntProperty("int")).isEqualTo(42);
        assertThat(received.getLongProperty("long")).isEqualTo(1L << 40);
        assertThat(received.getDoubleProperty("double")).isEqualTo(0.5);
        assertThat(received.getStringProperty("string")).isEqualTo("value");
        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo("group-1");
        assertThat(received.getIntProperty("JMSXGroupSeq")).isEqualTo(1);
    }

    @Test
    void shouldRoundTripABytesMessage() throws Exception {
        BytesMessage sent = session.createBytesMessage();
        sent.writeInt(7);
        sent.writeUTF("bytes");
        sent.writeBytes(new byte[] {1, 2, 3});
        producer.send(sent);

        BytesMessage received = (BytesMessage) receiveOrFail(consumer);
        assertThat(received.getBodyLength()).isEqualTo(4 + 2 + 5 + 3);
        assertThat(received.readInt()).isEqualTo(7);
        assertThat(received.readUTF()).isEqualTo("bytes");
        byte[] rest = new byte[3];
        assertThat(received.readBytes(rest)).isEqualTo(3);
        assertThat(rest).containsExactly(1, 2, 3);
    }

    @Test
    void shouldRoundTripAMapMessage() throws Exception {
        MapMessage sent = session.createMapMessage();
        sent.setString("name", "widget");
        sent.setInt("count", 3);
        sent.setBytes("raw", new byte[] {9});
        sent.setChar("grade", 'A');
        producer.send(sent);

        MapMessage received = (MapMessage) receiveOrFail(consumer);
        assertThat(received.getString("name")).isEqualTo("widget");
        assertThat(received.getLong("count")).isEqualTo(3L);
        assertThat(received.getBytes("raw")).containsExactly(9);
        assertThat(received.getChar("grade")).isEqualTo('A');
        Map<?, ?> body = received.getBody(Map.class);
        assertThat(body.keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("name", "count", "raw", "grade");
    }

    @Test
    void shouldRoundTripAStreamMessage() throws Exception {
        StreamMessage sent = session.createStreamMessage();
        sent.writeString("first");
        sent.writeDouble(2.5);
        sent.writeBoolean(true);
        producer.send(sent);

        StreamMessage received = (StreamMessage) receiveOrFail(consumer);
        assertThat(received.readString()).isEqualTo("first");
        assertThat(received.readDouble()).isEqualTo(2.5);
        assertThat(received.readString()).isEqualTo("true");
    }

    @Test
    void shouldRoundTripAnObjectMessage() throws Exception {
        ArrayList<Serializable> payload = new ArrayList<>(List.of("a", 1, 2.0));
        producer.send(session.createObjectMessage(payload));

        ObjectMessage received = (ObjectMessage) receiveOrFail(consumer);
        assertThat(received.getObject()).isEqualTo(payload);
    }

    @Test
    void shouldRoundTripAMessageWithoutBodyAndNonPersistent() throws Exception {
        Message sent = session.createMessage();
        sent.setStringProperty("only", "properties");
        producer.send(sent, DeliveryMode.NON_PERSISTENT, 2, 0);

        Message received = receiveOrFail(consumer);
        assertThat(received.getStringProperty("only")).isEqualTo("properties");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(2);
        assertThat(received.getJMSExpiration()).isZero();
    }

    @Test
    void shouldReceiveInSendOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(((TextMessage) receiveOrFail(consumer)).getText()).isEqualTo("m" + i);
        }
    }

    @Test
    void shouldReturnNullFromReceiveWithTimeoutAndReceiveNoWaitOnAnEmptyQueue() throws Exception {
        long start = System.nanoTime();
        assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(ABSENT_MILLIS - 50);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void shouldEventuallyReturnASentMessageFromReceiveNoWait() throws Exception {
        producer.send(session.createTextMessage("soon"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Message received = null;
        while (received == null && System.nanoTime() < deadline) {
            received = consumer.receiveNoWait();
        }
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("soon");
    }

    @Test
    void shouldDeliverATopicMessageToEverySubscriber(TestInfo test) throws Exception {
        Topic topic = session.createTopic(uniqueName(test));
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("news"));

        assertThat(((TextMessage) receiveOrFail(first)).getText()).isEqualTo("news");
        assertThat(((TextMessage) receiveOrFail(second)).getText()).isEqualTo("news");
    }

    @Test
    void shouldDeliverMoreMessagesThanThePrefetch() throws Exception {
        int count = 350; // more than three times the default prefetch of 100: credit must flow back
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i), DeliveryMode.NON_PERSISTENT, 4, 0);
        }
        for (int i = 0; i < count; i++) {
            assertThat(((TextMessage) receiveOrFail(consumer)).getText()).isEqualTo("m" + i);
        }
    }
}
