package io.runnel.client.it;

import static io.runnel.client.it.BrokerClients.ABSENT_MILLIS;
import static io.runnel.client.it.BrokerClients.connect;
import static io.runnel.client.it.BrokerClients.receiveOrFail;
import static io.runnel.client.it.BrokerClients.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.testsupport.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

@Timeout(60)
class ListenerIntegrationTest {

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Session session;
    private Queue queue;
    private MessageProducer producer;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        connection = new RunnelConnectionFactory(broker.url()).createConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(uniqueName(test));
        producer = session.createProducer(queue);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            return e.toString();
        }
    }

    @Test
    void shouldDeliverToAListenerInOrder() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Session listening = connection.createSession();
        listening.createConsumer(queue).setMessageListener(message -> received.add(text(message)));
        connection.start();
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("m" + i);
        }
    }

    @Test
    void shouldCallNoListenerWhileStoppedAndResumeOnStart() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Session listening = connection.createSession();
        listening.createConsumer(queue).setMessageListener(message -> received.add(text(message)));
        producer.send(session.createTextMessage("held"));
        assertThat(received.poll(ABSENT_MILLIS, TimeUnit.MILLISECONDS)).isNull();

        connection.start();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("held");

        connection.stop();
        producer.send(session.createTextMessage("after stop"));
        assertThat(received.poll(ABSENT_MILLIS, TimeUnit.MILLISECONDS)).isNull();
        connection.start();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("after stop");
    }

    @Test
    void shouldRedeliverAMessageWhoseListenerThrows() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        Session listening = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(queue).setMessageListener(message -> {
            seen.add(message);
            twice.countDown();
            if (seen.size() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        connection.start();
        producer.send(session.createTextMessage("retry me"));

        assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(text(seen.get(1))).isEqualTo("retry me");
        assertThat(seen.get(1).getJMSRedelivered()).isTrue();
        assertThat(seen.get(1).getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void shouldCloseTheConnectionFromInsideAListener() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Connection own = new RunnelConnectionFactory(broker.url()).createConnection();
        Session listening = own.createSession(Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(queue).setMessageListener(message -> {
            try {
                own.close();
                closed.complete(null);
            } catch (JMSException | RuntimeException e) {
                closed.completeExceptionally(e);
            }
        });
        own.start();
        producer.send(session.createTextMessage("close now"));
        producer.send(session.createTextMessage("next"));

        closed.get(10, TimeUnit.SECONDS);

        connection.start();
        MessageConsumer consumer = session.createConsumer(queue);
        Message next = receiveOrFail(consumer);
        assertThat(text(next)).isEqualTo("next"); // the message being processed was acknowledged
        assertThat(consumer.receive(ABSENT_MILLIS)).isNull();
    }

    @Test
    void shouldRecoverFromInsideAClientAcknowledgeListener() throws Exception {
        List<Message> seen = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        Session listening = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        listening.createConsumer(queue).setMessageListener(message -> {
            seen.add(message);
            twice.countDown();
            try {
                if (seen.size() == 1) {
                    listening.recover();
                } else {
                    message.acknowledge();
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
        producer.send(session.createTextMessage("again"));

        assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get(1).getJMSRedelivered()).isTrue();
        assertThat(text(seen.get(1))).isEqualTo("again");
    }
}
