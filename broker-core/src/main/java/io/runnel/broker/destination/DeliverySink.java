package io.runnel.broker.destination;

import java.nio.ByteBuffer;

/**
 * Where a partition pushes deliveries for one client connection: implemented by the connection, which turns them
 * into frames. Called on the partition thread; implementations must not block.
 */
public interface DeliverySink {

    /** Allocates the wire id of a new delivery for this connection (unique within it). */
    long nextDeliveryId();

    /**
     * Remembers the delivery in its session until it is acknowledged or released.
     *
     * @return false when the session is gone: the delivery must not be sent
     */
    boolean track(int sessionId, Delivery delivery);

    /**
     * Writes one delivery to the client without flushing.
     *
     * @param record the store record holding the message (valid during the call)
     * @param messageAt where the message bytes start inside {@code record}
     */
    void deliver(long consumerId, Delivery delivery, int deliveryCount, ByteBuffer record, int messageAt);

    /** Flushes what {@link #deliver} wrote. */
    void flush();

    /** The connection id, for noLocal. */
    long connectionId();
}
