package io.runnel.client.it;

import static io.runnel.client.it.BrokerClients.connect;
import static io.runnel.client.it.BrokerClients.receiveOrFail;
import static io.runnel.client.it.BrokerClients.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.runnel.client.testpeer.BlockedReceive;
import io.runnel.testsupport.BrokerExtension;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Connection life against a real broker; each test has a broker of its own, since some stop it. */
@Timeout(60)
class ConnectionIntegrationTest {

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    @Test
    void shouldCallTheExceptionListenerWhenTheBrokerStops() throws Exception {
        Connection connection = connect(broker.url());
        BlockingQueue<JMSException> reported = new LinkedBlockingQueue<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();

        broker.stop();

        assertThat(reported.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThatThrownBy(() -> session.createProducer(session.createQueue("q")).send(session.createMessage()))
                .isInstanceOf(JMSException.class);
        assertThatCode(connection::close).doesNotThrowAnyException();
    }

    @Test
    void shouldFailABlockedReceiveWhenTheBrokerStops(TestInfo test) throws Exception {
        Connection connection = connect(broker.url());
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue(uniqueName(test)));
        BlockedReceive receive = BlockedReceive.start(consumer);

        broker.stop();

        assertThatThrownBy(() -> receive.result().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(JMSException.class);
        connection.close();
    }

    @Test
    void shouldKeepPersistentMessagesAcrossABrokerRestart(TestInfo test) throws Exception {
        String queue = uniqueName(test);
        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage("durable"));
        }

        broker.restart();

        try (Connection connection = connect(broker.url())) {
            Session session = connection.createSession();
            Message message = receiveOrFail(session.createConsumer(session.createQueue(queue)));
            assertThat(((TextMessage) message).getText()).isEqualTo("durable");
        }
    }

    @Test
    void shouldReturnNullFromAReceiveBlockedWhenTheConnectionCloses(TestInfo test) throws Exception {
        Connection connection = connect(broker.url());
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue(uniqueName(test)));
        BlockedReceive receive = BlockedReceive.start(consumer);

        connection.close();

        assertThat(receive.result().get(10, TimeUnit.SECONDS)).isNull();
    }
}
