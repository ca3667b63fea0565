package io.runnel.client.internal.jms;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.runnel.client.RunnelDestination;
import io.runnel.client.internal.transport.InboundDelivery;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.CreditFrame;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A JMS consumer on a queue or topic. The broker pushes up to {@code prefetch} messages ahead of the application
 * into the consumer's {@link DeliveryBuffer}; {@code receive} takes from it on the caller's thread, a listener is
 * called by the session's listener thread.
 *
 * <p>Credit: each message handed to the application (or dropped as expired) counts as consumed; once half the
 * prefetch is consumed the consumer grants that much credit again ({@code CreditFrame}), so the broker never waits
 * on a consumer that has room. Messages returned UNDELIVERED get their credit back on the broker and are not
 * counted.
 *
 * <p>Thread-safe: the buffer is; the listener and closed flag are volatile; credit is counted atomically.
 */
final class RunnelMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(RunnelMessageConsumer.class);

    private final RunnelSession session;
    private final long consumerId;
    private final RunnelDestination destination;
    private final String selector;
    private final boolean noLocal;
    private final int creditBatch;
    private final DeliveryBuffer buffer = new DeliveryBuffer();
    private final AtomicInteger consumedSinceCredit = new AtomicInteger();
    private volatile MessageListener listener;
    private volatile boolean closed;

    RunnelMessageConsumer(RunnelSession session, long consumerId, RunnelDestination destination, String selector,
                          boolean noLocal, int prefetch) {
        this.session = session;
        this.consumerId = consumerId;
        this.destination = destination;
        this.selector = selector;
        this.noLocal = noLocal;
        this.creditBatch = Math.max(1, prefetch / 2);
    }

    // ---------------------------------------------------------------- receive

    @Override
    public Message receive() throws JMSException {
        return receiveUntil(Long.MAX_VALUE);
    }

    /** @param timeout milliseconds to wait; 0 waits without limit */
    @Override
    public Message receive(long timeout) throws JMSException {
        if (timeout == 0) {
            return receiveUntil(Long.MAX_VALUE);
        }
        return receiveUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeout)));
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveUntil(System.nanoTime());
    }

    private Message receiveUntil(long deadlineNanos) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener; receive is not allowed");
        }
        session.checkSynchronousReceiveAllowed();
        RunnelConnection connection = session.connection();
        checkNotFailed(connection);
        while (true) {
            if (buffer.isEmpty()) {
                session.flushDupsOk();
            }
            InboundDelivery delivery;
            try {
                delivery = buffer.take(deadlineNanos, connection::isStarted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ExceptionSupport.create("interrupted while waiting for a message", e);
            }
            if (delivery == null) {
                if (!closed) {
                    checkNotFailed(connection);
                }
                return null;
            }
            if (isExpired(delivery)) {
                session.dropExpired(this, delivery);
                continue;
            }
            return session.deliverToReceiver(this, delivery);
        }
    }

    private static void checkNotFailed(RunnelConnection connection) throws JMSException {
        JMSException failure = connection.failure();
        if (failure != null) {
            throw ExceptionSupport.create(failure.getMessage(), failure);
        }
    }

    static boolean isExpired(InboundDelivery delivery) {
        long expiration = delivery.message().getExpiration();
        return expiration != 0 && expiration < System.currentTimeMillis();
    }

    // ---------------------------------------------------------------- listener

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.listener = listener;
        if (listener != null) {
            session.ensureDispatcher();
            session.wakeDispatcher();
        }
    }

    boolean hasListener() {
        return listener != null && !closed;
    }

    MessageListener listener() {
        return closed ? null : listener;
    }

    InboundDelivery pollForListener() {
        return buffer.poll();
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    long consumerId() {
        return consumerId;
    }

    /** @return the prefetch buffer (for tests that wait for deliveries to arrive) */
    DeliveryBuffer buffer() {
        return buffer;
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes the consumer: a blocked receive returns null, prefetched messages go back to the broker UNDELIVERED;
     * messages already delivered stay with the session (acknowledge / commit still cover them). Waits for a listener
     * running on another thread; may be called from this consumer's own listener.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.lockDelivery();
        try {
            close(session.connection().isTransportOpen());
        } finally {
            session.unlockDelivery();
        }
    }

    /** Closes as part of the session's close; the session holds its delivery lock. */
    void closeForSession(boolean wire) throws JMSException {
        close(wire);
    }

    private void close(boolean wire) throws JMSException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long[] undelivered = buffer.close();
        RunnelConnection connection = session.connection();
        try {
            if (wire) {
                connection.call(id -> new ConsumerCloseFrame(id, consumerId, undelivered));
            }
        } finally {
            connection.unregister(this);
            session.removeConsumer(this);
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkOpen();
    }

    // ---------------------------------------------------------------- events

    /** A delivery for this consumer arrived. I/O thread. */
    void onDelivery(InboundDelivery delivery) {
        if (!buffer.add(delivery)) {
            session.returnUndelivered(delivery.deliveryId());
            return;
        }
        if (listener != null) {
            session.wakeDispatcher();
        }
    }

    /** One message was handed to the application or dropped as expired: grant credit when half is used. */
    void consumed() {
        if (closed) {
            return;
        }
        int consumed = consumedSinceCredit.incrementAndGet();
        if (consumed >= creditBatch && consumedSinceCredit.compareAndSet(consumed, 0)) {
            try {
                session.connection().oneWay(new CreditFrame(0, consumerId, consumed));
            } catch (JMSException e) {
                LOG.debug("cannot grant credit to consumer {}", consumerId, e);
            }
        }
    }

    /** @return the ids of the prefetched deliveries, removed from the buffer */
    long[] drainBuffer() {
        return buffer.drainIds();
    }

    void wakeUp() {
        buffer.wakeUp();
    }

    /** The broker connection is gone: wake blocked receivers, which then throw. */
    void onConnectionLost() {
        buffer.close();
    }

    @Override
    public String toString() {
        return "RunnelMessageConsumer[id=" + consumerId + ", destination=" + destination + "]";
    }
}
