package io.runnel.client.internal.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.testpeer.BlockedReceive;
import io.runnel.client.testpeer.TestPeer;
import io.runnel.protocol.AckType;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.message.WireMessage;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

@Timeout(30)
class ConsumerWireTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private TestPeer peer;
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        peer = new TestPeer();
        connection = new RunnelConnectionFactory(peer.url("prefetch=4")).createConnection();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        peer.close();
    }

    private static WireMessage text(String body) {
        WireMessage message = new WireMessage();
        message.setBodyType(WireMessage.BODY_TEXT);
        message.setBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message.setMessageId("ID:" + body);
        return message;
    }

    /** Opens a consumer on queue "q" and returns its id as the broker sees it. */
    private long open(Session session, MessageConsumer[] consumer) throws Exception {
        consumer[0] = session.createConsumer(session.createQueue("q"));
        ConsumerOpenFrame open = peer.expect(ConsumerOpenFrame.class);
        return open.consumerId();
    }

    private static String textOf(Message message) throws JMSException {
        return ((TextMessage) message).getText();
    }

    @Test
    void shouldOpenConsumersWithPrefetchCreditAndSelector() throws Exception {
        Session session = connection.createSession();
        session.createConsumer(session.createTopic("t"), "color = 'red'", true);
        ConsumerOpenFrame open = peer.expect(ConsumerOpenFrame.class);
        assertThat(open.credit()).isEqualTo(4);
        assertThat(open.selector()).isEqualTo("color = 'red'");
        assertThat(open.noLocal()).isTrue();
        assertThat(open.destination().name()).isEqualTo("t");
        assertThat(open.subscriptionName()).isNull();
    }

    @Test
    void shouldAcknowledgeEachReceivedMessageInAutoAcknowledge() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id, 11, 1, text("a"));

        Message message = consumer[0].receive(5_000);

        assertThat(textOf(message)).isEqualTo("a");
        assertThat(message.getJMSRedelivered()).isFalse();
        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.requestId()).isZero();
        assertThat(ack.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(ack.deliveryIds()).containsExactly(11);
    }

    @Test
    void shouldGrantCreditAfterHalfThePrefetchIsConsumed() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        for (int i = 1; i <= 4; i++) {
            peer.deliver(id, i, 1, text("m" + i));
        }
        consumer[0].receive(5_000);
        assertThat(peer.collect(CreditFrame.class, QUIET)).isEmpty();
        consumer[0].receive(5_000);

        CreditFrame credit = peer.expect(CreditFrame.class);
        assertThat(credit.consumerId()).isEqualTo(id);
        assertThat(credit.credit()).isEqualTo(2);
    }

    @Test
    void shouldExposeTheDeliveryCount() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id, 1, 3, text("again"));

        Message message = consumer[0].receive(5_000);
        assertThat(message.getJMSRedelivered()).isTrue();
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
    }

    @Test
    void shouldAcknowledgeEverythingDeliveredOnClientAcknowledge() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id, 1, 1, text("a"));
        peer.deliver(id, 2, 1, text("b"));
        Message first = consumer[0].receive(5_000);
        consumer[0].receive(5_000);
        assertThat(peer.collect(AckFrame.class, QUIET)).isEmpty();

        first.acknowledge();

        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.requestId()).isNotZero();
        assertThat(ack.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(ack.deliveryIds()).containsExactly(1, 2);
        session.close();
        assertThatThrownBy(first::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldBatchAcknowledgementsInDupsOk() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        for (int i = 1; i <= 3; i++) {
            peer.deliver(id, i, 1, text("m" + i));
        }
        awaitBuffered(consumer[0], 3); // an empty buffer would flush the batch early (idle flush)
        for (int i = 0; i < 3; i++) {
            assertThat(consumer[0].receive(5_000)).isNotNull();
        }
        AckFrame batch = peer.expect(AckFrame.class);
        assertThat(batch.deliveryIds()).containsExactly(1, 2);
        assertThat(consumer[0].receiveNoWait()).isNull();
        assertThat(peer.expect(AckFrame.class).deliveryIds()).containsExactly(3);
    }

    @Test
    void shouldReturnPrefetchedMessagesWhenTheConsumerCloses() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        for (int i = 1; i <= 3; i++) {
            peer.deliver(id, i, 1, text("m" + i));
        }
        Message first = consumer[0].receive(5_000);
        awaitBuffered(consumer[0], 2);

        consumer[0].close();

        ConsumerCloseFrame close = peer.expect(ConsumerCloseFrame.class);
        assertThat(close.consumerId()).isEqualTo(id);
        assertThat(close.undeliveredIds()).containsExactly(2, 3);
        assertThatThrownBy(consumer[0]::receiveNoWait).isInstanceOf(IllegalStateException.class);
        first.acknowledge();
        assertThat(peer.expect(AckFrame.class).deliveryIds()).containsExactly(1);
    }

    @Test
    void shouldRecoverWithRedeliverForDeliveredAndUndeliveredForPrefetched() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        for (int i = 1; i <= 3; i++) {
            peer.deliver(id, i, 1, text("m" + i));
        }
        consumer[0].receive(5_000);
        awaitBuffered(consumer[0], 2);

        session.recover();

        AckFrame redeliver = peer.expect(AckFrame.class);
        AckFrame undelivered = peer.expect(AckFrame.class);
        assertThat(redeliver.ackType()).isEqualTo(AckType.REDELIVER);
        assertThat(redeliver.deliveryIds()).containsExactly(1);
        assertThat(undelivered.ackType()).isEqualTo(AckType.UNDELIVERED);
        assertThat(undelivered.deliveryIds()).containsExactly(2, 3);
        assertThat(consumer[0].receiveNoWait()).isNull();
    }

    @Test
    void shouldAckTransactedDeliveriesAtOnceAndReturnPrefetchedOnesBeforeRollback() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id, 1, 1, text("a"));
        peer.deliver(id, 2, 1, text("b"));
        consumer[0].receive(5_000);
        AckFrame consumed = peer.expect(AckFrame.class);
        assertThat(consumed.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(consumed.deliveryIds()).containsExactly(1);
        awaitBuffered(consumer[0], 1);

        session.rollback();

        AckFrame undelivered = peer.expect(AckFrame.class);
        assertThat(undelivered.ackType()).isEqualTo(AckType.UNDELIVERED);
        assertThat(undelivered.deliveryIds()).containsExactly(2);
        assertThat(peer.expect(RollbackFrame.class).requestId()).isNotZero();
        session.commit();
        peer.expect(CommitFrame.class);
    }

    @Test
    void shouldRedeliverWhenAnAutoAcknowledgeListenerThrows() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        AtomicInteger calls = new AtomicInteger();
        consumer[0].setMessageListener(message -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("boom");
            }
        });
        connection.start();
        peer.deliver(id, 1, 1, text("a"));
        peer.deliver(id, 2, 2, text("a"));

        AckFrame first = peer.expect(AckFrame.class);
        AckFrame second = peer.expect(AckFrame.class);
        assertThat(first.ackType()).isEqualTo(AckType.REDELIVER);
        assertThat(first.deliveryIds()).containsExactly(1);
        assertThat(second.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(second.deliveryIds()).containsExactly(2);
    }

    @Test
    void shouldNotDeliverWhileTheConnectionIsStopped() throws Exception {
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id, 1, 1, text("a"));
        awaitBuffered(consumer[0], 1);

        assertThat(consumer[0].receive(200)).isNull();
        assertThat(consumer[0].receiveNoWait()).isNull();
        connection.start();
        assertThat(textOf(consumer[0].receive(5_000))).isEqualTo("a");
    }

    @Test
    void shouldHoldListenersWhileStoppedAndResumeOnStart() throws Exception {
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        consumer[0].setMessageListener(message -> received.add(message.toString()));
        peer.deliver(id, 1, 1, text("a"));

        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        connection.start();
        assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldWaitInStopForARunningListener() throws Exception {
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        consumer[0].setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        });
        connection.start();
        peer.deliver(id, 1, 1, text("a"));
        assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> finishedWhenStopReturned = new CompletableFuture<>();
        Thread stopper = new Thread(() -> {
            try {
                connection.stop();
                finishedWhenStopReturned.complete(finished.get());
            } catch (JMSException e) {
                finishedWhenStopReturned.completeExceptionally(e);
            }
        });
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stopper.getState() != Thread.State.WAITING && !finishedWhenStopReturned.isDone()
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        release.countDown();

        assertThat(finishedWhenStopReturned.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void shouldRefuseSynchronousReceiveOnASessionWithAListener() throws Exception {
        Session session = connection.createSession();
        MessageConsumer withListener = session.createConsumer(session.createQueue("a"));
        MessageConsumer plain = session.createConsumer(session.createQueue("b"));
        withListener.setMessageListener(message -> { });
        assertThatThrownBy(withListener::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(plain::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldDropExpiredMessagesAndAcknowledgeThem() throws Exception {
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        WireMessage expired = text("old");
        expired.setExpiration(System.currentTimeMillis() - 1_000);
        peer.deliver(id, 1, 1, expired);
        peer.deliver(id, 2, 1, text("fresh"));

        assertThat(textOf(consumer[0].receive(5_000))).isEqualTo("fresh");
        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(ack.deliveryIds()).containsExactly(1);
    }

    @Test
    void shouldReturnNullFromABlockedReceiveWhenTheConsumerCloses() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        open(session, consumer);
        BlockedReceive receive = BlockedReceive.start(consumer[0]);
        assertThat(receive.result()).isNotDone();

        consumer[0].close();

        assertThat(receive.result().get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void shouldThrowFromABlockedReceiveWhenTheConnectionIsLost() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        open(session, consumer);
        BlockedReceive receive = BlockedReceive.start(consumer[0]);

        peer.dropConnection();

        assertThatThrownBy(() -> receive.result().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JMSException.class);
    }

    @Test
    void shouldCloseTheConnectionFromInsideAListenerAfterAcknowledging() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CompletableFuture<Void> closedInListener = new CompletableFuture<>();
        consumer[0].setMessageListener(message -> {
            try {
                connection.close();
                closedInListener.complete(null);
            } catch (JMSException | RuntimeException e) {
                closedInListener.completeExceptionally(e);
            }
        });
        connection.start();
        peer.deliver(id, 1, 1, text("a"));

        closedInListener.get(5, TimeUnit.SECONDS);
        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(ack.deliveryIds()).containsExactly(1);
        peer.expect(ConsumerCloseFrame.class);
        peer.expect(SessionCloseFrame.class);
        peer.expect(DisconnectFrame.class);
    }

    @Test
    void shouldLetAListenerCloseItsOwnConsumer() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        consumer[0].setMessageListener(message -> {
            try {
                consumer[0].close();
                closed.complete(null);
            } catch (JMSException e) {
                closed.completeExceptionally(e);
            }
        });
        connection.start();
        peer.deliver(id, 1, 1, text("a"));

        closed.get(5, TimeUnit.SECONDS);
        peer.expect(ConsumerCloseFrame.class);
        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.deliveryIds()).containsExactly(1);
    }

    @Test
    void shouldDeliverToListenersOfOneSessionOneAtATime() throws Exception {
        Session session = connection.createSession();
        MessageConsumer first = session.createConsumer(session.createQueue("a"));
        long firstId = peer.expect(ConsumerOpenFrame.class).consumerId();
        MessageConsumer second = session.createConsumer(session.createQueue("b"));
        long secondId = peer.expect(ConsumerOpenFrame.class).consumerId();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(6);
        jakarta.jms.MessageListener listener = message -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.yield();
            running.decrementAndGet();
            all.countDown();
        };
        first.setMessageListener(listener);
        second.setMessageListener(listener);
        connection.start();
        for (int i = 1; i <= 3; i++) {
            peer.deliver(firstId, i, 1, text("a" + i));
            peer.deliver(secondId, 10 + i, 1, text("b" + i));
        }

        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(maxRunning).hasValue(1);
    }

    /** Waits until the consumer's buffer holds the given number of deliveries (they arrive asynchronously). */
    private static void awaitBuffered(MessageConsumer consumer, int count) throws InterruptedException {
        DeliveryBuffer buffer = ((RunnelMessageConsumer) consumer).buffer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (buffer.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer buffered " + buffer.size() + " deliveries, not " + count);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void shouldNotCountDeliveriesForAnotherConsumer() throws Exception {
        connection.start();
        Session session = connection.createSession();
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.deliver(id + 100, 1, 1, text("stray"));
        peer.deliver(id, 2, 1, text("mine"));
        assertThat(textOf(consumer[0].receive(5_000))).isEqualTo("mine");
        List<AckFrame> acks = peer.collect(AckFrame.class, QUIET);
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).deliveryIds()).containsExactly(2);
    }

    @Test
    void shouldReturnADeliveryThatArrivesWhileTheConsumerClosesAsUndelivered() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        peer.respondWith(frame -> {
            if (frame instanceof ConsumerCloseFrame) {
                peer.deliver(id, 77, 1, text("late")); // written before the OK
            }
            return TestPeer.defaultAnswer(frame);
        });

        consumer[0].close();

        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.ackType()).isEqualTo(AckType.UNDELIVERED);
        assertThat(ack.deliveryIds()).containsExactly(77);
    }

    @Test
    void shouldRedeliverTheCurrentMessageWhenAnAutoAcknowledgeListenerRecovers() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CompletableFuture<Void> recovered = new CompletableFuture<>();
        consumer[0].setMessageListener(message -> {
            try {
                session.recover();
                recovered.complete(null);
            } catch (JMSException e) {
                recovered.completeExceptionally(e);
            }
        });
        connection.start();
        peer.deliver(id, 5, 1, text("a"));

        recovered.get(5, TimeUnit.SECONDS);
        AckFrame redeliver = peer.expect(AckFrame.class);
        assertThat(redeliver.ackType()).isEqualTo(AckType.REDELIVER);
        assertThat(redeliver.deliveryIds()).containsExactly(5);
        assertThat(peer.collect(AckFrame.class, QUIET)).isEmpty(); // no CONSUMED after onMessage returns
    }

    @Test
    void shouldCloseTheSessionFromItsOwnListenerAcknowledgingTheCurrentMessage() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        consumer[0].setMessageListener(message -> {
            try {
                session.close();
                closed.complete(null);
            } catch (JMSException e) {
                closed.completeExceptionally(e);
            }
        });
        connection.start();
        peer.deliver(id, 3, 1, text("a"));

        closed.get(5, TimeUnit.SECONDS);
        AckFrame ack = peer.expect(AckFrame.class);
        assertThat(ack.ackType()).isEqualTo(AckType.CONSUMED);
        assertThat(ack.deliveryIds()).containsExactly(3);
        peer.expect(ConsumerCloseFrame.class);
        peer.expect(SessionCloseFrame.class);
        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldLetARunningListenerUseItsSessionWhileTheConnectionCloses() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer[] consumer = new MessageConsumer[1];
        long id = open(session, consumer);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> sentFromListener = new CompletableFuture<>();
        consumer[0].setMessageListener(message -> {
            inListener.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                session.createProducer(session.createQueue("out")).send(session.createTextMessage("reply"));
                sentFromListener.complete(null);
            } catch (JMSException | InterruptedException e) {
                sentFromListener.completeExceptionally(e);
            }
        });
        connection.start();
        peer.deliver(id, 1, 1, text("a"));
        assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(() -> {
            try {
                connection.close();
            } catch (JMSException e) {
                sentFromListener.completeExceptionally(e);
            }
        });
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        release.countDown();

        sentFromListener.get(5, TimeUnit.SECONDS);
        closer.join(5_000);
        assertThat(peer.expect(TestPeer.ReceivedSend.class).destination()).isEqualTo("out");
        peer.expect(DisconnectFrame.class);
    }
}
