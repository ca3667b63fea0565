package io.runnel.client.it;

import java.util.UUID;

import org.junit.jupiter.api.TestInfo;

import io.runnel.client.RunnelConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;

/** Small helpers shared by the tests that run against a real broker. */
final class BrokerClients {

    /** How long a test waits for a message that should come. */
    static final long RECEIVE_MILLIS = 10_000;
    /** How long a test waits to be sure that a message does not come. */
    static final long ABSENT_MILLIS = 500;

    private BrokerClients() {
    }

    /** @return a destination name no other test uses */
    static String uniqueName(TestInfo test) {
        return test.getTestMethod().map(m -> m.getName()).orElse("test") + "-" + UUID.randomUUID();
    }

    /** @return a started connection to the broker */
    static Connection connect(String url) throws JMSException {
        Connection connection = new RunnelConnectionFactory(url).createConnection();
        connection.start();
        return connection;
    }

    /** @return the next message, failing the test if none comes in time */
    static Message receiveOrFail(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(RECEIVE_MILLIS);
        if (message == null) {
            throw new AssertionError("no message within " + RECEIVE_MILLIS + " ms");
        }
        return message;
    }
}
