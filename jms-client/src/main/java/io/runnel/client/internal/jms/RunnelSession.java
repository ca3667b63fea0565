package io.runnel.client.internal.jms;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.runnel.client.RunnelDestination;
import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;
import io.runnel.client.internal.message.Destinations;
import io.runnel.client.internal.message.MessageAcknowledger;
import io.runnel.client.internal.message.RunnelBytesMessage;
import io.runnel.client.internal.message.RunnelMapMessage;
import io.runnel.client.internal.message.RunnelMessage;
import io.runnel.client.internal.message.RunnelObjectMessage;
import io.runnel.client.internal.message.RunnelStreamMessage;
import io.runnel.client.internal.message.RunnelTextMessage;
import io.runnel.client.internal.message.WireMessages;
import io.runnel.client.internal.transport.InboundDelivery;
import io.runnel.protocol.AckType;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

/**
 * A JMS session: creates producers, consumers and messages, and owns the session's acknowledgement mode,
 * transaction and message delivery.
 *
 * <p>Collaborators keep it small: {@link Acknowledgements} decides which acknowledgements deliveries cause,
 * {@link SessionDispatcher} is the thread that calls message listeners (created with the first listener),
 * {@link AsyncSends} runs CompletionListeners, and each consumer's {@link DeliveryBuffer} holds its prefetched
 * messages.
 *
 * <p>Threading: a JMS session is single-threaded for the application, apart from {@link #close()}. Listeners run
 * on the dispatcher thread, one at a time, holding the delivery lock; {@code recover}, {@code rollback},
 * {@code close} and {@code Connection.stop} take that lock to pause delivery (it is reentrant, so a listener may
 * call them on its own session). Synchronous {@code receive} is refused while a consumer of the session has a
 * listener, as the specification allows.
 */
public final class RunnelSession implements QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(RunnelSession.class);

    private final RunnelConnection connection;
    private final int sessionId;
    private final int ackMode;
    private final Acknowledgements acks;
    private final AsyncSends asyncSends;
    private final List<RunnelMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<RunnelMessageProducer> producers = new CopyOnWriteArrayList<>();
    /**
     * Held while a listener runs and by whoever needs delivery paused. Fair, so that a thread waiting to pause
     * delivery gets the lock before the listener thread takes the next message.
     */
    private final ReentrantLock deliveryLock = new ReentrantLock(true);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final MessageAcknowledger acknowledger = this::acknowledgeFromMessage;
    private volatile boolean closed;
    private volatile SessionDispatcher dispatcher;
    /** The delivery whose listener is running; dispatcher thread only. */
    private volatile ListenerDelivery current;
    /** Where the dispatcher's round-robin over consumers resumes; dispatcher thread only, under deliveryLock. */
    private int nextConsumerIndex;

    RunnelSession(RunnelConnection connection, int sessionId, int ackMode) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.ackMode = ackMode;
        this.acks = new Acknowledgements(connection, sessionId, ackMode, connection.settings().prefetch());
        this.asyncSends = new AsyncSends("runnel-completion-" + sessionId,
                connection.settings().requestTimeoutMillis());
    }

    // ---------------------------------------------------------------- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new RunnelBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new RunnelMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new RunnelMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new RunnelObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        RunnelObjectMessage message = new RunnelObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new RunnelStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new RunnelTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new RunnelTextMessage(text);
    }

    // ---------------------------------------------------------------- destinations

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        try {
            return new RunnelQueue(queueName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        try {
            return new RunnelTopic(topicName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        throw new JMSException("temporary destinations are not supported yet");
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        throw new JMSException("temporary destinations are not supported yet");
    }

    // ---------------------------------------------------------------- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        RunnelDestination target = destination == null ? null : Destinations.toRunnel(destination);
        RunnelMessageProducer producer = new RunnelMessageProducer(this, target);
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    void removeProducer(RunnelMessageProducer producer) {
        producers.remove(producer);
    }

    // ---------------------------------------------------------------- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return newConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return newConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return newConsumer(destination, messageSelector, noLocal);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return newConsumer(queue, null, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return newConsumer(queue, messageSelector, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return newConsumer(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        return newConsumer(topic, messageSelector, noLocal);
    }

    private RunnelMessageConsumer newConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        RunnelDestination source = Destinations.toRunnel(destination);
        String selector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        long consumerId = connection.nextConsumerId();
        int prefetch = connection.settings().prefetch();
        RunnelMessageConsumer consumer = new RunnelMessageConsumer(this, consumerId, source, selector, noLocal,
                prefetch);
        connection.register(consumer); // before the broker may push
        try {
            connection.call(id -> new ConsumerOpenFrame(id, sessionId, consumerId, Destinations.toRef(source),
                    selector, noLocal, null, 0, prefetch));
        } catch (JMSException e) {
            connection.unregister(consumer);
            throw e;
        }
        consumers.add(consumer);
        return consumer;
    }

    void removeConsumer(RunnelMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    // ---------------------------------------------------------------- not supported yet (issue #3)

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        throw notSupported("shared subscriptions");
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        throw notSupported("shared subscriptions");
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        throw notSupported("durable subscriptions");
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector,
                                                   boolean noLocal) throws JMSException {
        throw notSupported("durable subscriptions");
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        throw notSupported("durable subscriptions");
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector,
                                                 boolean noLocal) throws JMSException {
        throw notSupported("durable subscriptions");
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        throw notSupported("shared durable subscriptions");
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        throw notSupported("shared durable subscriptions");
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        throw notSupported("durable subscriptions");
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        throw notSupported("queue browsers");
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        throw notSupported("queue browsers");
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw notSupported("session message listeners (application server facility)");
    }

    /** Not supported: an application server facility. */
    @Override
    public void run() {
        throw new JMSRuntimeException("Session.run (application server facility) is not supported");
    }

    private JMSException notSupported(String what) throws JMSException {
        checkOpen();
        return new JMSException(what + " are not supported yet");
    }

    // ---------------------------------------------------------------- transactions and acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return ackMode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return ackMode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (ackMode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit on a session that is not transacted");
        }
        asyncSends.checkNotCallbackThread("commit");
        asyncSends.awaitAll();
        connection.call(id -> new CommitFrame(id, sessionId));
    }

    /**
     * Rolls back: first returns every prefetched message as UNDELIVERED (they never reached the application),
     * then asks the broker to roll back, which puts back the consumed ones with their count raised and drops the
     * held sends.
     */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (ackMode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback on a session that is not transacted");
        }
        asyncSends.checkNotCallbackThread("rollback");
        asyncSends.awaitAll();
        deliveryLock.lock();
        try {
            long[] undelivered = drainBuffers();
            if (undelivered.length > 0) {
                connection.oneWay(new AckFrame(0, sessionId, AckType.UNDELIVERED, undelivered));
            }
            connection.call(id -> new RollbackFrame(id, sessionId));
            returnLateDeliveries();
        } finally {
            deliveryLock.unlock();
        }
    }

    /**
     * Stops delivery, puts back the delivered but unacknowledged messages as REDELIVER and the prefetched ones as
     * UNDELIVERED (the broker returns their credit), then resumes.
     */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (ackMode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover on a transacted session");
        }
        deliveryLock.lock();
        try {
            ListenerDelivery running = isDispatcherThread() ? current : null;
            long[] redeliver = acks.takeForRecover(running == null ? -1 : running.deliveryId);
            if (running != null) {
                running.settled = true;
            }
            long[] prefetched = drainBuffers();
            if (redeliver.length > 0) {
                connection.call(id -> new AckFrame(id, sessionId, AckType.REDELIVER, redeliver));
            }
            long[] late = drainBuffers();   // pushed before the broker put the delivered ones back: see returnLateDeliveries
            long[] undelivered = java.util.stream.LongStream.concat(java.util.Arrays.stream(prefetched),
                    java.util.Arrays.stream(late)).toArray();
            if (undelivered.length > 0) {
                connection.call(id -> new AckFrame(id, sessionId, AckType.UNDELIVERED, undelivered));
            }
        } finally {
            deliveryLock.unlock();
        }
        wakeUp();
    }

    /**
     * Returns, UNDELIVERED, what reached the buffers while a recover or rollback was under way: messages the broker
     * pushed before it put the older ones back. Their frames precede the broker's answer on the connection, so they
     * are all buffered by now; handed out, they would overtake the redelivered messages. Put back, the broker offers
     * everything again in log order.
     */
    private void returnLateDeliveries() throws JMSException {
        long[] late = drainBuffers();
        if (late.length > 0) {
            connection.call(id -> new AckFrame(id, sessionId, AckType.UNDELIVERED, late));
        }
    }

    private long[] drainBuffers() {
        long[] all = new long[0];
        for (RunnelMessageConsumer consumer : consumers) {
            long[] ids = consumer.drainBuffer();
            if (ids.length > 0) {
                long[] merged = new long[all.length + ids.length];
                System.arraycopy(all, 0, merged, 0, all.length);
                System.arraycopy(ids, 0, merged, all.length, ids.length);
                all = merged;
            }
        }
        return all;
    }

    /** What {@code Message.acknowledge()} calls on a message this session delivered. */
    private void acknowledgeFromMessage() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session that received this message is closed");
        }
        if (ackMode == CLIENT_ACKNOWLEDGE) {
            acks.acknowledgeDelivered();
        }
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes the consumers (returning their prefetched messages), rolls back a transaction, and closes the session
     * on the broker, which puts back every unacknowledged delivery with its count raised. Waits for a listener
     * running on another thread; when called from this session's own listener it proceeds (acknowledging the
     * current message first in AUTO_ACKNOWLEDGE / DUPS_OK_ACKNOWLEDGE) and the listener completes afterwards.
     *
     * @throws IllegalStateException if called from a CompletionListener of this session
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        asyncSends.checkNotCallbackThread("close");
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        JMSException firstFailure = null;
        boolean own = isDispatcherThread();
        deliveryLock.lock();
        try {
            ListenerDelivery running = own ? current : null;
            if (running != null && !running.settled
                    && (ackMode == AUTO_ACKNOWLEDGE || ackMode == DUPS_OK_ACKNOWLEDGE)) {
                running.settled = true;
                firstFailure = attempt(() -> acks.afterDelivery(running.deliveryId, false), firstFailure);
            }
            firstFailure = attempt(asyncSends::awaitAll, firstFailure);
            closed = true;
            boolean wire = connection.isTransportOpen();
            if (wire) {
                firstFailure = attempt(acks::flushDupsOk, firstFailure);
            }
            for (RunnelMessageConsumer consumer : consumers) {
                firstFailure = attempt(() -> consumer.closeForSession(wire), firstFailure);
            }
            for (RunnelMessageProducer producer : producers) {
                producer.markClosed();
            }
            producers.clear();
            if (wire && ackMode == SESSION_TRANSACTED) {
                firstFailure = attempt(() -> connection.call(id -> new RollbackFrame(id, sessionId)),
                        firstFailure);
            }
            if (wire) {
                firstFailure = attempt(() -> connection.call(id -> new SessionCloseFrame(id, sessionId)),
                        firstFailure);
            }
        } finally {
            deliveryLock.unlock();
        }
        SessionDispatcher running = dispatcher;
        if (running != null) {
            running.stop(true);
        }
        asyncSends.shutdown();
        connection.removeSession(this);
        if (firstFailure != null && connection.failure() == null) {
            throw firstFailure;
        }
    }

    private static JMSException attempt(JmsAction action, JMSException firstFailure) {
        try {
            action.run();
            return firstFailure;
        } catch (JMSException e) {
            LOG.debug("close step failed", e);
            return firstFailure == null ? e : firstFailure;
        }
    }

    /** A step of close that may fail without stopping the others. */
    @FunctionalInterface
    private interface JmsAction {
        void run() throws JMSException;
    }

    // ---------------------------------------------------------------- delivery (used by consumers, connection)

    /**
     * @throws IllegalStateException if this session or its connection is closed
     */
    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkOpen();
    }

    void checkNotCompletionListener(String operation) throws IllegalStateException {
        asyncSends.checkNotCallbackThread(operation);
    }

    boolean isClosed() {
        return closed;
    }

    int sessionId() {
        return sessionId;
    }

    RunnelConnection connection() {
        return connection;
    }

    AsyncSends asyncSends() {
        return asyncSends;
    }

    /**
     * @throws IllegalStateException if a consumer of this session delivers to a listener
     */
    void checkSynchronousReceiveAllowed() throws IllegalStateException {
        for (RunnelMessageConsumer consumer : consumers) {
            if (consumer.hasListener()) {
                throw new IllegalStateException("this session delivers asynchronously to a MessageListener; "
                        + "synchronous receive is not allowed on it");
            }
        }
    }

    /**
     * Hands a buffered delivery to {@code receive}: builds the message and acknowledges as the mode says.
     *
     * @param consumer the receiving consumer
     * @param delivery the delivery, not expired
     * @return the message for the application
     * @throws JMSException if the acknowledgement cannot be sent
     */
    RunnelMessage deliverToReceiver(RunnelMessageConsumer consumer, InboundDelivery delivery) throws JMSException {
        RunnelMessage message = WireMessages.fromWire(delivery.message(), delivery.deliveryCount(), acknowledger);
        try {
            acks.beforeDelivery(delivery.deliveryId());
            acks.afterDelivery(delivery.deliveryId(), false);
        } finally {
            consumer.consumed();
        }
        return message;
    }

    /**
     * Drops an expired delivery: acknowledges it CONSUMED and counts it for credit.
     *
     * @param consumer the consumer it was buffered for
     * @param delivery the delivery
     */
    void dropExpired(RunnelMessageConsumer consumer, InboundDelivery delivery) {
        LOG.debug("dropping expired message {} (delivery {})", delivery.message().getMessageId(),
                delivery.deliveryId());
        try {
            acks.expired(delivery.deliveryId());
        } catch (JMSException e) {
            LOG.debug("cannot acknowledge expired delivery {}", delivery.deliveryId(), e);
        }
        consumer.consumed();
    }

    /**
     * Gives a delivery that arrived for a closed consumer back to the broker. Called on the I/O thread.
     *
     * @param deliveryId the delivery
     */
    void returnUndelivered(long deliveryId) {
        if (closed || !connection.isTransportOpen()) {
            return; // the broker takes it back with the session
        }
        try {
            connection.oneWay(new AckFrame(0, sessionId, AckType.UNDELIVERED, new long[] {deliveryId}));
        } catch (JMSException e) {
            LOG.debug("cannot return delivery {}", deliveryId, e);
        }
    }

    /** Makes sure the listener thread runs. */
    void ensureDispatcher() {
        if (dispatcher == null) {
            synchronized (this) {
                if (dispatcher == null && !closed) {
                    SessionDispatcher created = new SessionDispatcher(this, "runnel-session-" + sessionId);
                    created.start();
                    dispatcher = created;
                }
            }
        }
    }

    /** Wakes the listener thread and blocked receivers: a message, a listener or the connection state changed. */
    void wakeUp() {
        SessionDispatcher running = dispatcher;
        if (running != null) {
            running.wakeUp();
        }
        for (RunnelMessageConsumer consumer : consumers) {
            consumer.wakeUp();
        }
    }

    /** Wakes only the listener thread. */
    void wakeDispatcher() {
        SessionDispatcher running = dispatcher;
        if (running != null) {
            running.wakeUp();
        }
    }

    /** @return true if the caller is this session's listener thread */
    boolean isDispatcherThread() {
        SessionDispatcher running = dispatcher;
        return running != null && running.isCurrentThread();
    }

    /** Pauses listener delivery, waiting for a running listener on another thread; reentrant. */
    void lockDelivery() {
        deliveryLock.lock();
    }

    /** Undoes one {@link #lockDelivery()}. */
    void unlockDelivery() {
        deliveryLock.unlock();
    }

    /** Returns once no listener of this session is running (immediately on the listener thread itself). */
    void awaitListenerReturned() {
        if (!isDispatcherThread()) {
            deliveryLock.lock();
            deliveryLock.unlock();
        }
    }

    /** The broker connection is gone: wake receivers (they throw) and stop the listener thread. I/O thread. */
    void onConnectionLost() {
        for (RunnelMessageConsumer consumer : consumers) {
            consumer.onConnectionLost();
        }
        SessionDispatcher running = dispatcher;
        if (running != null) {
            running.stop(false);
        }
    }

    /**
     * Delivers one buffered message to a listener, taking consumers in turn. Listener thread only.
     *
     * @return false if nothing could be delivered (no message, no listener, connection stopped, session closed)
     */
    boolean dispatchOne() {
        deliveryLock.lock();
        try {
            if (closed || closing.get() || !connection.isStarted() || connection.failure() != null) {
                return false;
            }
            List<RunnelMessageConsumer> all = consumers;
            int count = all.size();
            for (int i = 0; i < count; i++) {
                int index = (nextConsumerIndex + i) % count;
                RunnelMessageConsumer consumer = all.get(index);
                MessageListener listener = consumer.listener();
                if (listener == null) {
                    continue;
                }
                InboundDelivery delivery = consumer.pollForListener();
                if (delivery == null) {
                    continue;
                }
                nextConsumerIndex = (index + 1) % count;
                deliverToListener(consumer, listener, delivery);
                return true;
            }
            return false;
        } finally {
            deliveryLock.unlock();
        }
    }

    private void deliverToListener(RunnelMessageConsumer consumer, MessageListener listener,
                                   InboundDelivery delivery) {
        if (RunnelMessageConsumer.isExpired(delivery)) {
            dropExpired(consumer, delivery);
            return;
        }
        RunnelMessage message = WireMessages.fromWire(delivery.message(), delivery.deliveryCount(), acknowledger);
        ListenerDelivery running = new ListenerDelivery(delivery.deliveryId());
        try {
            acks.beforeDelivery(delivery.deliveryId());
        } catch (JMSException e) {
            LOG.warn("cannot acknowledge delivery {} before its listener", delivery.deliveryId(), e);
        }
        boolean failed = false;
        current = running;
        try {
            listener.onMessage(message);
        } catch (RuntimeException | Error e) {
            failed = true;
            LOG.warn("message listener threw on message {}{}", message.getJMSMessageID(),
                    ackMode == AUTO_ACKNOWLEDGE || ackMode == DUPS_OK_ACKNOWLEDGE ? "; it will be redelivered" : "",
                    e);
        } finally {
            current = null;
        }
        if (closed) {
            return;
        }
        if (!running.settled) {
            try {
                acks.afterDelivery(delivery.deliveryId(), failed);
            } catch (JMSException e) {
                LOG.warn("cannot acknowledge delivery {}", delivery.deliveryId(), e);
            }
        }
        consumer.consumed();
    }

    /** The listener thread found nothing to deliver: send batched DUPS_OK acknowledgements. */
    void onDispatcherIdle() {
        if (closed || !connection.isTransportOpen()) {
            return;
        }
        try {
            acks.flushDupsOk();
        } catch (JMSException e) {
            LOG.debug("cannot send batched acknowledgements", e);
        }
    }

    /**
     * Sends the batched DUPS_OK acknowledgements; used by receivers before they wait.
     *
     * @throws JMSException if they cannot be sent
     */
    void flushDupsOk() throws JMSException {
        acks.flushDupsOk();
    }

    @Override
    public String toString() {
        return "RunnelSession[id=" + sessionId + ", ackMode=" + ackMode + "]";
    }

    /** The delivery a listener is processing; {@code settled} once recover or close has dealt with it. */
    private static final class ListenerDelivery {
        final long deliveryId;
        volatile boolean settled;

        ListenerDelivery(long deliveryId) {
            this.deliveryId = deliveryId;
        }
    }
}
