package io.runnel.broker.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cursor with per-message state over a partition's log: a queue, or one subscription of a topic (the shape of
 * Kafka share groups, KIP-932). Messages are offered in log order to the consumers that have credit, round robin.
 *
 * <p>Threading: owned by the partition thread; no method may be called from elsewhere.
 *
 * <p>Design note: {@link #messages} holds every unacknowledged message and {@link #available} the subset that may be
 * delivered now, both keyed by offset, so released messages go back in front of later ones and order per producer
 * holds. Memory grows with the unacknowledged backlog (about 100 bytes per message); a compact offset array is the
 * planned replacement when the backlog benchmark asks for it.
 */
public final class MessageQueue {
    private final String name;
    private final boolean durable;
    private final TreeMap<Long, MessageRef> messages = new TreeMap<>();
    private final TreeMap<Long, MessageRef> available = new TreeMap<>();
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;

    /**
     * @param durable true when acknowledgements and delivery counts of this cursor are written to the log (a queue);
     *                false for a non-durable topic subscription, which lives and dies with its consumer
     */
    public MessageQueue(String name, boolean durable) {
        this.name = name;
        this.durable = durable;
    }

    public String name() {
        return name;
    }

    public boolean isDurable() {
        return durable;
    }

    public void add(MessageRef ref) {
        messages.put(ref.offset, ref);
        available.put(ref.offset, ref);
    }

    public MessageRef get(long offset) {
        return messages.get(offset);
    }

    public int size() {
        return messages.size();
    }

    public int availableCount() {
        return available.size();
    }

    /** The lowest offset this cursor still needs, or {@code Long.MAX_VALUE} when it needs none (for retention). */
    public long lowestOffset() {
        return messages.isEmpty() ? Long.MAX_VALUE : messages.firstKey();
    }

    public Iterable<MessageRef> all() {
        return messages.values();
    }

    /** Removes an acknowledged message; returns it, or null if it was not here (already acknowledged). */
    public MessageRef remove(long offset) {
        MessageRef ref = messages.remove(offset);
        if (ref != null) {
            available.remove(offset);
            ref.delivery = null;
        }
        return ref;
    }

    /**
     * Puts an acquired message back.
     *
     * @param delivered true when the application had received it, so its delivery count rises
     */
    public boolean release(MessageRef ref, boolean delivered) {
        if (ref.state != MessageRef.State.ACQUIRED || messages.get(ref.offset) != ref) {
            return false;
        }
        if (delivered) {
            ref.previousDeliveries++;
        }
        ref.state = MessageRef.State.AVAILABLE;
        ref.delivery = null;
        available.put(ref.offset, ref);
        return true;
    }

    public void addConsumer(ServerConsumer consumer) {
        consumers.add(consumer);
    }

    public void removeConsumer(ServerConsumer consumer) {
        consumers.remove(consumer);
        consumer.closed = true;
    }

    public boolean hasConsumers() {
        return !consumers.isEmpty();
    }

    public List<ServerConsumer> consumers() {
        return consumers;
    }

    /** True when a message could be pushed now: something available and a consumer with credit. */
    public boolean canDispatch() {
        if (available.isEmpty()) {
            return false;
        }
        for (ServerConsumer c : consumers) {
            if (c.credit > 0) {
                return true;
            }
        }
        return false;
    }

    /** The first available message in log order, or null. */
    public MessageRef firstAvailable() {
        Map.Entry<Long, MessageRef> e = available.firstEntry();
        return e == null ? null : e.getValue();
    }

    /** Picks the next consumer with credit that accepts {@code ref} (round robin), or null. */
    public ServerConsumer nextConsumerFor(MessageRef ref) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int index = (nextConsumer + i) % n;
            ServerConsumer c = consumers.get(index);
            if (c.credit > 0) {
                nextConsumer = (index + 1) % n;
                return c;
            }
        }
        return null;
    }

    /** Marks {@code ref} acquired by {@code delivery} and takes one credit from its consumer. */
    public void acquire(MessageRef ref, Delivery delivery) {
        available.remove(ref.offset);
        ref.state = MessageRef.State.ACQUIRED;
        ref.delivery = delivery;
        delivery.consumer().credit--;
    }

    /** Takes an available message out without delivering it (expired, or noLocal on a subscription). */
    public void drop(MessageRef ref) {
        remove(ref.offset);
    }

    @Override
    public String toString() {
        return name + "[" + messages.size() + " messages, " + available.size() + " available, "
                + consumers.size() + " consumers]";
    }
}
