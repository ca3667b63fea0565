package io.runnel.client.internal.jms;

import java.util.concurrent.CompletableFuture;

import io.runnel.client.RunnelDestination;
import io.runnel.client.internal.message.Destinations;
import io.runnel.client.internal.message.ForeignMessages;
import io.runnel.client.internal.message.RunnelMessage;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.message.WireMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A JMS producer. A send sets the message's headers (JMSDestination, JMSDeliveryMode, JMSPriority, JMSExpiration
 * from the time to live, JMSDeliveryTime, JMSMessageID "ID:&lt;connection&gt;:&lt;n&gt;" unless disabled,
 * JMSTimestamp unless disabled), encodes it once, sends a {@code SendFrame} and waits for the broker's
 * {@code OkFrame} (persistent and non-persistent alike), or, with a {@link CompletionListener}, lets the session
 * call the listener when the answer comes. A message of another provider is copied first; its headers are set too.
 *
 * <p>Thread-safety: as its session (one thread at a time); {@link #close()} may be called from any thread.
 */
final class RunnelMessageProducer implements QueueSender, TopicPublisher {

    private final RunnelSession session;
    private final RunnelDestination destination;
    private volatile boolean closed;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;

    RunnelMessageProducer(RunnelSession session, RunnelDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    // ---------------------------------------------------------------- settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        this.disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        this.disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        checkDeliveryMode(deliveryMode);
        this.deliveryMode = deliveryMode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int defaultPriority) throws JMSException {
        checkOpen();
        checkPriority(defaultPriority);
        this.priority = defaultPriority;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        checkTimeToLive(timeToLive);
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    /**
     * Only 0 is accepted for now: delivery delay is issue #3.
     *
     * @throws JMSException for any other value
     */
    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        if (deliveryDelay < 0) {
            throw new JMSException("delivery delay must not be negative, not " + deliveryDelay);
        }
        if (deliveryDelay > 0) {
            throw new JMSException("delivery delay is not supported yet");
        }
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return 0;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
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
    public void close() {
        if (!closed) {
            closed = true;
            session.removeProducer(this);
        }
    }

    /** The session closed. */
    void markClosed() {
        closed = true;
    }

    // ---------------------------------------------------------------- send: producer's destination

    @Override
    public void send(Message message) throws JMSException {
        send(null, false, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(null, false, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        send(null, false, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        send(null, false, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    // ---------------------------------------------------------------- send: explicit destination

    @Override
    public void send(Destination destination, Message message) throws JMSException {
        send(destination, true, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(destination, true, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination destination, Message message, CompletionListener completionListener)
            throws JMSException {
        send(destination, true, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        send(destination, true, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    // ---------------------------------------------------------------- the send

    private void send(Destination explicit, boolean hasExplicit, Message message, int mode, int prio, long ttl,
                      CompletionListener completionListener) throws JMSException {
        checkOpen();
        RunnelDestination target;
        if (destination != null) {
            if (hasExplicit) {
                throw new UnsupportedOperationException("this producer was created with a destination; use a send "
                        + "method without one");
            }
            target = destination;
        } else {
            if (!hasExplicit) {
                throw new UnsupportedOperationException("this producer was created without a destination; use a "
                        + "send method with one");
            }
            if (explicit == null) {
                throw new InvalidDestinationException("destination is null");
            }
            target = Destinations.toRunnel(explicit);
        }
        if (message == null) {
            throw new MessageFormatException("message is null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        checkTimeToLive(ttl);

        RunnelConnection connection = session.connection();
        long now = System.currentTimeMillis();
        String messageId = disableMessageId ? null : connection.nextMessageId();
        RunnelMessage runnel = message instanceof RunnelMessage own ? own : ForeignMessages.copy(message);
        setHeaders(runnel, target, mode, prio, ttl, now, messageId);
        if (runnel != message) {
            setHeaders(message, target, mode, prio, ttl, now, messageId);
        }
        WireMessage wire = runnel.toWire();
        CompletableFuture<Frame> answer = connection.send(session.sessionId(), Destinations.toRef(target), wire);
        if (completionListener == null) {
            connection.await(answer);
        } else {
            session.asyncSends().track(answer, message, completionListener);
        }
    }

    private void setHeaders(Message message, RunnelDestination target, int mode, int prio, long ttl, long now,
                            String messageId) throws JMSException {
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now);
        message.setJMSMessageID(messageId);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("completionListener is null");
        }
        return listener;
    }

    private static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode);
        }
    }

    private static void checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("priority must be within 0..9, not " + priority);
        }
    }

    private static void checkTimeToLive(long timeToLive) throws JMSException {
        if (timeToLive < 0) {
            throw new JMSException("time to live must not be negative, not " + timeToLive);
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.checkOpen();
    }
}
