package io.runnel.client.internal.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.RunnelQueue;
import io.runnel.client.internal.message.RunnelTextMessage;
import io.runnel.client.testpeer.ForeignProvider;
import io.runnel.client.testpeer.TestPeer;
import io.runnel.client.testpeer.TestPeer.ReceivedSend;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.message.WireMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

@Timeout(30)
class ProducerWireTest {

    private TestPeer peer;
    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws Exception {
        peer = new TestPeer();
        connection = new RunnelConnectionFactory(peer.url("requestTimeoutMillis=2000")).createConnection();
        session = connection.createSession();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        peer.close();
    }

    @Test
    void shouldSendWithTheHeadersTheProducerSets() throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("orders"));
        producer.setPriority(7);
        producer.setTimeToLive(60_000);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        TextMessage message = session.createTextMessage("hello");
        long before = System.currentTimeMillis();

        producer.send(message);

        ReceivedSend send = peer.expect(ReceivedSend.class);
        WireMessage wire = send.message();
        assertThat(send.destination()).isEqualTo("orders");
        assertThat(wire.getMessageId()).startsWith("ID:").isEqualTo(message.getJMSMessageID());
        assertThat(wire.getPriority()).isEqualTo(7);
        assertThat(wire.isPersistent()).isFalse();
        assertThat(wire.getTimestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(wire.getExpiration()).isEqualTo(wire.getTimestamp() + 60_000);
        assertThat(wire.getDestination().name()).isEqualTo("orders");
        assertThat(wire.getBodyType()).isEqualTo(WireMessage.BODY_TEXT);
        assertThat(message.getJMSDestination()).isEqualTo(new RunnelQueue("orders"));
        assertThat(message.getJMSPriority()).isEqualTo(7);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @Test
    void shouldGiveEachMessageADistinctIdUnlessDisabled() throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        producer.send(session.createMessage());
        producer.send(session.createMessage());
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        producer.send(session.createMessage());

        String first = peer.expect(ReceivedSend.class).message().getMessageId();
        String second = peer.expect(ReceivedSend.class).message().getMessageId();
        WireMessage third = peer.expect(ReceivedSend.class).message();
        assertThat(first).isNotEqualTo(second);
        assertThat(third.getMessageId()).isNull();
        assertThat(third.getTimestamp()).isZero();
    }

    @Test
    void shouldMapARefusedSendToTheExceptionOfItsCode() throws Exception {
        peer.respondWith(frame -> frame instanceof SendFrame
                ? new ErrorFrame(frame.requestId(), ErrorCode.RESOURCE_ALLOCATION, "disk full")
                : TestPeer.defaultAnswer(frame));
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        assertThatThrownBy(() -> producer.send(session.createMessage()))
                .isInstanceOf(ResourceAllocationException.class).hasMessage("disk full");
    }

    @Test
    void shouldFailASendTheBrokerNeverAnswers() throws Exception {
        peer.respondWith(frame -> frame instanceof SendFrame ? null : TestPeer.defaultAnswer(frame));
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        assertThatThrownBy(() -> producer.send(session.createMessage())).isInstanceOf(JMSException.class)
                .hasMessageContaining("within 2000 ms");
    }

    @Test
    void shouldValidateDestinationsAndArguments() throws Exception {
        Queue queue = session.createQueue("q");
        MessageProducer bound = session.createProducer(queue);
        MessageProducer unbound = session.createProducer(null);
        Message message = session.createMessage();

        assertThatThrownBy(() -> bound.send(queue, message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> unbound.send(message)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> unbound.send(null, message)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> bound.send(null)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> bound.setPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> bound.setDeliveryMode(3)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> bound.setTimeToLive(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> bound.send(message, DeliveryMode.PERSISTENT, -1, 0))
                .isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> bound.setDeliveryDelay(1000)).isInstanceOf(JMSException.class)
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> session.createQueue("")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic("a\u0000b")).isInstanceOf(InvalidDestinationException.class);
        bound.close();
        assertThatThrownBy(() -> bound.send(message)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSendToAnExplicitDestination() throws Exception {
        MessageProducer unbound = session.createProducer(null);
        unbound.send(session.createTopic("news"), session.createTextMessage("x"));
        ReceivedSend send = peer.expect(ReceivedSend.class);
        assertThat(send.destination()).isEqualTo("news");
        assertThat(send.message().getDestination().type().isQueue()).isFalse();
    }

    @Test
    void shouldSendAForeignMessageAndSetItsHeaders() throws Exception {
        RunnelTextMessage delegate = new RunnelTextMessage("from elsewhere");
        TextMessage foreign = ForeignProvider.wrap(TextMessage.class, delegate);
        session.createProducer(session.createQueue("q")).send(foreign);

        WireMessage wire = peer.expect(ReceivedSend.class).message();
        assertThat(wire.getBody()).isEqualTo("from elsewhere".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(foreign.getJMSMessageID()).isEqualTo(wire.getMessageId()).isNotNull();
        assertThat(foreign.getJMSDestination()).isEqualTo(new RunnelQueue("q"));
    }

    @Test
    void shouldCallTheCompletionListenerOnAnotherThreadInSendOrder() throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread sender = Thread.currentThread();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    events.add((Thread.currentThread() == sender ? "same-thread " : "")
                            + ((TextMessage) message).getText());
                } catch (JMSException e) {
                    events.add(e.toString());
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                events.add("failed " + exception);
            }
        };
        producer.send(session.createTextMessage("one"), listener);
        producer.send(session.createTextMessage("two"), listener);

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("two");
    }

    @Test
    void shouldReportAFailedAsynchronousSendToTheCompletionListener() throws Exception {
        peer.respondWith(frame -> frame instanceof SendFrame
                ? new ErrorFrame(frame.requestId(), ErrorCode.INVALID_DESTINATION, "no such queue")
                : TestPeer.defaultAnswer(frame));
        BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
        session.createProducer(session.createQueue("q")).send(session.createMessage(), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                failures.add(new IllegalStateException("unexpected completion"));
            }

            @Override
            public void onException(Message message, Exception exception) {
                failures.add(exception);
            }
        });
        assertThat(failures.poll(5, TimeUnit.SECONDS)).isInstanceOf(InvalidDestinationException.class);
    }
}
