package io.runnel.broker.destination;

/**
 * The delivery state of one message in one {@link MessageQueue}: what the broker keeps in memory per unacknowledged
 * message. The message's bytes stay in the partition's store and are read back by offset when delivered.
 *
 * <pre>
 *   AVAILABLE --acquire--> ACQUIRED --acknowledge--> ACK_PENDING --record applied--> (gone)
 *       ^                      |
 *       +------release---------+   (delivery count raised when the application had received it)
 * </pre>
 *
 * <p>Threading: owned by the partition thread.
 */
public final class MessageRef {
    public enum State { AVAILABLE, ACQUIRED, ACK_PENDING }

    final long offset;
    final int priority;
    final long expiration;
    final boolean persistent;
    final long producerConnectionId;
    /** How many times the message was handed to an application before (JMSXDeliveryCount - 1 of its next delivery). */
    int previousDeliveries;
    State state = State.AVAILABLE;
    /** The delivery holding the message while ACQUIRED or ACK_PENDING, else null. */
    Delivery delivery;

    public MessageRef(long offset, int priority, long expiration, boolean persistent, long producerConnectionId) {
        this.offset = offset;
        this.priority = priority;
        this.expiration = expiration;
        this.persistent = persistent;
        this.producerConnectionId = producerConnectionId;
    }

    public long offset() {
        return offset;
    }

    public State state() {
        return state;
    }

    public int previousDeliveries() {
        return previousDeliveries;
    }

    public void setPreviousDeliveries(int previousDeliveries) {
        this.previousDeliveries = previousDeliveries;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Marks an acquired message as acknowledged by its holder, its ACK record not yet applied. */
    public void ackPending() {
        state = State.ACK_PENDING;
    }

    public boolean isExpired(long now) {
        return expiration != 0 && expiration <= now;
    }
}
