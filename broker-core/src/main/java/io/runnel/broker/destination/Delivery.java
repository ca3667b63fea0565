package io.runnel.broker.destination;

/**
 * One push of one message to one consumer, named on the wire by {@link #id()} (unique within the connection).
 * A session keeps its deliveries until they are acknowledged or put back, even after their consumer closed
 * (JMS: {@code acknowledge()} and {@code commit()} cover messages of closed consumers too).
 *
 * <p>Immutable apart from what the partition thread changes in the {@link MessageRef}.
 */
public record Delivery(long id, MessageQueue queue, MessageRef message, ServerConsumer consumer) {
}
