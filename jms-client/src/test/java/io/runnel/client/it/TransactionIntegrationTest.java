package io.runnel.client.it;

import static io.runnel.client.it.BrokerClients.ABSENT_MILLIS;
import static io.runnel.client.it.BrokerClients.connect;
import static io.runnel.client.it.BrokerClients.receiveOrFail;
import static io.runnel.client.it.BrokerClients.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.runnel.testsupport.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

@Timeout(60)
class TransactionIntegrationTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Session transacted;
    private Session plain;
    private Queue queue;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        connection = connect(broker.url());
        transacted = connection.createSession(Session.SESSION_TRANSACTED);
        plain = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = plain.createQueue(uniqueName(test));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static String text(Message message) throws Exception {
        return ((TextMessage) message).getText();
    }

    @Test
    void shouldMakeTransactedSendsVisibleOnlyOnCommit() throws Exception {
        MessageProducer producer = transacted.createProducer(queue);
        MessageConsumer observer = plain.createConsumer(queue);
        producer.send(transacted.createTextMessage("a"));
        producer.send(transacted.createTextMessage("b"));
        assertThat(observer.receive(ABSENT_MILLIS)).isNull();

        transacted.commit();

        assertThat(text(receiveOrFail(observer))).isEqualTo("a");
        assertThat(text(receiveOrFail(observer))).isEqualTo("b");
    }

    @Test
    void shouldDropTransactedSendsOnRollback() throws Exception {
        MessageProducer producer = transacted.createProducer(queue);
        MessageConsumer observer = plain.createConsumer(queue);
        producer.send(transacted.createTextMessage("dropped"));

        transacted.rollback();
        producer.send(transacted.createTextMessage("kept"));
        transacted.commit();

        assertThat(text(receiveOrFail(observer))).isEqualTo("kept");
        assertThat(observer.receive(ABSENT_MILLIS)).isNull();
    }

    @Test
    void shouldRedeliverTransactedReceivesAfterRollback() throws Exception {
        plain.createProducer(queue).send(plain.createTextMessage("work"));
        MessageConsumer consumer = transacted.createConsumer(queue);
        Message first = receiveOrFail(consumer);
        assertThat(first.getJMSRedelivered()).isFalse();

        transacted.rollback();

        Message again = receiveOrFail(consumer);
        assertThat(text(again)).isEqualTo("work");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        transacted.commit();
        assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
    }

    @Test
    void shouldConsumeAndProduceAtomicallyOnCommit(TestInfo test) throws Exception {
        Queue out = plain.createQueue(uniqueName(test) + "-out");
        plain.createProducer(queue).send(plain.createTextMessage("in"));
        MessageConsumer consumer = transacted.createConsumer(queue);
        MessageProducer forward = transacted.createProducer(out);

        Message in = receiveOrFail(consumer);
        forward.send(transacted.createTextMessage(text(in) + "-processed"));
        transacted.commit();

        MessageConsumer outConsumer = plain.createConsumer(out);
        assertThat(text(receiveOrFail(outConsumer))).isEqualTo("in-processed");
        consumer.close();
        assertThat(plain.createConsumer(queue).receive(ABSENT_MILLIS)).isNull();
    }

    @Test
    void shouldRollBackAnOpenTransactionWhenTheSessionCloses() throws Exception {
        plain.createProducer(queue).send(plain.createTextMessage("work"));
        MessageConsumer consumer = transacted.createConsumer(queue);
        receiveOrFail(consumer);
        transacted.createProducer(queue).send(transacted.createTextMessage("never"));

        transacted.close();

        MessageConsumer observer = plain.createConsumer(queue);
        Message again = receiveOrFail(observer);
        assertThat(text(again)).isEqualTo("work");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(observer.receive(ABSENT_MILLIS)).isNull();
    }
}
