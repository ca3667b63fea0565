package io.runnel.client.it;

import static io.runnel.client.it.BrokerClients.ABSENT_MILLIS;
import static io.runnel.client.it.BrokerClients.connect;
import static io.runnel.client.it.BrokerClients.receiveOrFail;
import static io.runnel.client.it.BrokerClients.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.runnel.testsupport.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

@Timeout(60)
class AcknowledgementIntegrationTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private String queueName;

    @BeforeEach
    void name(TestInfo test) {
        queueName = uniqueName(test);
    }

    private void send(String... texts) throws Exception {
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession();
            var producer = session.createProducer(session.createQueue(queueName));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static String text(Message message) throws Exception {
        return ((TextMessage) message).getText();
    }

    @Test
    void shouldNotRedeliverAutoAcknowledgedMessages() throws Exception {
        send("a", "b");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            assertThat(text(receiveOrFail(consumer))).isEqualTo("a");
        }
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Message next = receiveOrFail(consumer);
            assertThat(text(next)).isEqualTo("b");
            // "b" was never handed to the application; if it was still on the wire when the first connection closed,
            // the broker cannot know that and flags it (allowed by JMS: the flag is a hint). Never more than once.
            assertThat(next.getIntProperty("JMSXDeliveryCount")).isBetween(1, 2);
            assertThat(next.getJMSRedelivered()).isEqualTo(next.getIntProperty("JMSXDeliveryCount") > 1);
            assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
        }
    }

    @Test
    void shouldRedeliverUnacknowledgedClientAcknowledgeMessagesAfterTheConnectionCloses() throws Exception {
        send("once");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Message first = receiveOrFail(session.createConsumer(session.createQueue(queueName)));
            assertThat(first.getJMSRedelivered()).isFalse();
            assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Message again = receiveOrFail(consumer);
            assertThat(text(again)).isEqualTo("once");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            again.acknowledge();
        }
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue(queueName)).receive(ABSENT_MILLIS)).isNull();
        }
    }

    @Test
    void shouldAcknowledgeEverythingTheSessionDeliveredWithOneAcknowledge() throws Exception {
        send("a", "b", "c");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Message a = receiveOrFail(consumer);
            receiveOrFail(consumer);
            a.acknowledge();
        }
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Message c = receiveOrFail(consumer);
            assertThat(text(c)).isEqualTo("c");
            assertThat(c.getJMSRedelivered()).isFalse();
            c.acknowledge();
            assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
        }
    }

    @Test
    void shouldRedeliverInOrderAfterRecover() throws Exception {
        send("a", "b", "c");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            assertThat(text(receiveOrFail(consumer))).isEqualTo("a");
            assertThat(text(receiveOrFail(consumer))).isEqualTo("b");

            session.recover();

            Message a = receiveOrFail(consumer);
            Message b = receiveOrFail(consumer);
            Message c = receiveOrFail(consumer);
            assertThat(text(a)).isEqualTo("a");
            assertThat(a.getJMSRedelivered()).isTrue();
            assertThat(a.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            assertThat(text(b)).isEqualTo("b");
            assertThat(b.getJMSRedelivered()).isTrue();
            assertThat(text(c)).isEqualTo("c");
            assertThat(c.getJMSRedelivered()).isFalse();
            c.acknowledge();
            assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
        }
    }

    @Test
    void shouldKeepDeliveredMessagesWithTheSessionWhenTheConsumerCloses() throws Exception {
        send("a", "b");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            Message a = receiveOrFail(consumer);
            consumer.close(); // "b" was prefetched: it goes back undelivered
            a.acknowledge();

            MessageConsumer next = session.createConsumer(session.createQueue(queueName));
            Message b = receiveOrFail(next);
            assertThat(text(b)).isEqualTo("b");
            assertThat(b.getJMSRedelivered()).isFalse();
            b.acknowledge();
            assertThat(next.receive(ABSENT_MILLIS)).isNull();
        }
    }

    @Test
    void shouldConsumeEverythingInDupsOkAcknowledge() throws Exception {
        send("a", "b", "c");
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            for (String expected : new String[] {"a", "b", "c"}) {
                assertThat(text(receiveOrFail(consumer))).isEqualTo(expected);
            }
            assertThat(consumer.receive(ABSENT_MILLIS)).isNull(); // idle: the batched acks go out
        }
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession();
            assertThat(session.createConsumer(session.createQueue(queueName)).receive(ABSENT_MILLIS)).isNull();
        }
    }
}
