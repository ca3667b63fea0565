package io.runnel.itest.recovery;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.itest.support.BrokerProcess;
import io.runnel.itest.support.TcpProxy;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT_ACKNOWLEDGE as a user relies on it: what was consumed but not acknowledged comes back flagged when the
 * consumer's connection dies; what was acknowledged never comes back, not even after the broker is killed.
 */
class ClientAcknowledgeIT {
    private static final String QUEUE = "client-ack";

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldRedeliverOnlyUnacknowledgedMessagesFlaggedAfterTheConnectionDiesAndAfterABrokerKill() throws Exception {
        try (BrokerProcess broker = new BrokerProcess(dataDir).start()) {
            RunnelConnectionFactory direct = new RunnelConnectionFactory(broker.url());
            try (Connection c = direct.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue(QUEUE));
                for (int i = 0; i < 10; i++) {
                    p.send(s.createTextMessage("m" + i));
                }
            }

            // a consumer behind a relay we can cut: the connection dies without any goodbye
            try (TcpProxy proxy = new TcpProxy(Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1)))) {
                Connection doomed = new RunnelConnectionFactory(proxy.url()).createConnection();
                Session s = doomed.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
                doomed.start();
                for (int i = 0; i < 5; i++) {
                    Message m = consumer.receive(10_000);
                    assertThat(((TextMessage) m).getText()).isEqualTo("m" + i);
                    if (i == 2) {
                        m.acknowledge();   // acknowledges m0, m1, m2: everything the session consumed so far
                    }
                }
                proxy.cut();
                try {
                    doomed.close();
                } catch (Exception expected) {
                    // the connection is already dead
                }
            }

            try (Connection c = direct.createConnection()) {
                Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
                c.start();
                for (int i = 3; i < 10; i++) {
                    Message m = consumer.receive(10_000);
                    assertThat(m).as("message m%d", i).isNotNull();
                    assertThat(((TextMessage) m).getText()).isEqualTo("m" + i);
                    int count = m.getIntProperty("JMSXDeliveryCount");
                    if (i < 5) {
                        // consumed by the dead consumer, never acknowledged
                        assertThat(m.getJMSRedelivered()).as("m%d redelivered", i).isTrue();
                        assertThat(count).as("m%d delivery count", i).isEqualTo(2);
                    } else {
                        // only prefetched by the dead consumer: the broker cannot know whether the application saw
                        // them, so it may flag them too (never unflagged with a raised count, never above 2)
                        assertThat(count).as("m%d delivery count", i).isBetween(1, 2);
                        assertThat(m.getJMSRedelivered()).as("m%d redelivered", i).isEqualTo(count > 1);
                    }
                }
                assertThat(consumer.receiveNoWait()).isNull();
                s.recover();   // nothing acknowledged yet: m3..m9 come back again, flagged; this time acknowledge them
                int count = 0;
                Message last = null;
                Message m;
                while ((m = consumer.receive(2_000)) != null) {
                    assertThat(m.getJMSRedelivered()).isTrue();
                    last = m;
                    count++;
                }
                assertThat(count).isEqualTo(7);
                last.acknowledge();
            }

            broker.kill();
            broker.start();
            try (Connection c = direct.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
                c.start();
                assertThat(consumer.receive(2_000)).as("acknowledged messages never come back").isNull();
            }
        }
    }
}
