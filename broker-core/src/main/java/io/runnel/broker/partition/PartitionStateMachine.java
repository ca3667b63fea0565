package io.runnel.broker.partition;

import io.runnel.broker.destination.Delivery;
import io.runnel.broker.destination.DeliverySink;
import io.runnel.broker.destination.MessageQueue;
import io.runnel.broker.destination.MessageRef;
import io.runnel.broker.destination.ServerConsumer;
import io.runnel.broker.persistence.PartitionRecords;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.message.MessageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A data partition's state: its queues and topic subscriptions with the delivery state of every unacknowledged
 * message, rebuilt from the log at start-up and changed only by applied records and by deliveries.
 *
 * <p>Records applied ({@link PartitionRecords}): MESSAGE adds the message to its queue, or to every current
 * subscription of its topic; ACK removes messages; RELEASE restores delivery counts; DISPATCH_MARK records how far
 * deliveries may have gone.
 *
 * <p><b>Redelivery flag after a crash.</b> The broker may push a message only below the <em>dispatch mark</em>, an
 * offset made durable (fsynced) before any delivery reaches it; the mark moves forward by {@link #MARK_HEADROOM}
 * offsets at a time, so it costs one small fsync per that many records. At start-up, every unacknowledged message
 * below the mark may have reached an application before the crash: its delivery count is raised, so it comes back
 * with {@code JMSRedelivered=true}. No message is delivered twice unflagged; at most {@code MARK_HEADROOM} messages
 * that were never delivered may be flagged after a crash, which the specification allows ("likely, but not
 * guaranteed").
 *
 * <p>Threading: every method runs on the partition thread.
 */
public final class PartitionStateMachine implements StateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionStateMachine.class);
    static final long MARK_HEADROOM = 1024;

    private final String name;
    private final Map<String, MessageQueue> queues = new HashMap<>();
    private final Map<String, List<MessageQueue>> topicSubscriptions = new HashMap<>();
    private final Map<MessageQueue, ServerConsumer> subscriptionOwners = new HashMap<>();
    private final Set<DeliverySink> toFlush = new HashSet<>();
    private Supplier<io.runnel.store.Log> log;
    private LongConsumer markRequester;
    private long dispatchMark;
    private boolean markRequested;
    private long nextOffset;

    public PartitionStateMachine(String name) {
        this.name = name;
    }

    /**
     * Connects the state machine to its partition.
     *
     * @param log           the store to read delivered messages from
     * @param markRequester asked to commit a DISPATCH_MARK record at the given offset
     */
    void bind(Supplier<io.runnel.store.Log> log, LongConsumer markRequester) {
        this.log = log;
        this.markRequester = markRequester;
    }

    // ------------------------------------------------------------------ applying records

    @Override
    public void apply(long offset, ByteBuffer record, boolean replay) {
        nextOffset = offset + 1;
        byte type = PartitionRecords.type(record);
        switch (type) {
            case PartitionRecords.MESSAGE -> applyMessage(offset, record, replay);
            case PartitionRecords.ACK -> applyAck(record);
            case PartitionRecords.RELEASE -> applyRelease(record);
            case PartitionRecords.DISPATCH_MARK -> {
                dispatchMark = Math.max(dispatchMark, PartitionRecords.readDispatchMark(record));
                markRequested = false;
            }
            default -> LOG.warn("{}: skipping record of unknown type {} at offset {}", name, type, offset);
        }
    }

    private void applyMessage(long offset, ByteBuffer record, boolean replay) {
        PartitionRecords.MessageRecord m = PartitionRecords.readMessage(record);
        ByteBuffer message = record.duplicate().position(m.messageAt());
        boolean persistent = MessageView.isPersistent(message);
        if (replay && !persistent) {
            return;  // non-persistent messages do not survive a restart
        }
        DestinationRef destination = m.destination();
        if (destination.type().isQueue()) {
            queue(destination.name()).add(new MessageRef(offset, MessageView.priority(message),
                    MessageView.expiration(message), persistent, m.producerConnectionId()));
        } else {
            for (MessageQueue subscription : topicSubscriptions.getOrDefault(destination.name(), List.of())) {
                ServerConsumer owner = subscriptionOwners.get(subscription);
                if (owner != null && owner.isNoLocal() && owner.sink().connectionId() == m.producerConnectionId()) {
                    continue;
                }
                subscription.add(new MessageRef(offset, MessageView.priority(message),
                        MessageView.expiration(message), persistent, m.producerConnectionId()));
            }
        }
    }

    private void applyAck(ByteBuffer record) {
        PartitionRecords.OffsetList acks = PartitionRecords.readOffsets(record);
        MessageQueue queue = queues.get(acks.queueName);
        if (queue == null) {
            return;
        }
        for (long offset : acks.offsets) {
            queue.remove(offset);
        }
    }

    private void applyRelease(ByteBuffer record) {
        PartitionRecords.OffsetList released = PartitionRecords.readOffsets(record);
        MessageQueue queue = queues.get(released.queueName);
        if (queue == null) {
            return;
        }
        for (int i = 0; i < released.offsets.length; i++) {
            MessageRef ref = queue.get(released.offsets[i]);
            if (ref != null) {
                ref.setPreviousDeliveries(Math.max(ref.previousDeliveries(), released.deliveryCounts[i]));
            }
        }
    }

    @Override
    public void recovered() {
        int flagged = 0;
        for (MessageQueue queue : queues.values()) {
            for (MessageRef ref : queue.all()) {
                if (ref.offset() < dispatchMark) {
                    ref.setPreviousDeliveries(ref.previousDeliveries() + 1);
                    flagged++;
                }
            }
        }
        LOG.info("{}: recovered {} queues, dispatch mark {}, {} unacknowledged messages flagged as possibly delivered",
                name, queues.size(), dispatchMark, flagged);
    }

    @Override
    public void afterBatch() {
        dispatchAll();
    }

    // ------------------------------------------------------------------ destinations and consumers

    /** The queue named {@code name}, created empty on first use. */
    public MessageQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new MessageQueue(n, true));
    }

    /** Creates a non-durable subscription of a topic for one consumer; it sees messages applied from now on. */
    public MessageQueue subscribe(String topic, String subscriptionName) {
        MessageQueue subscription = new MessageQueue(subscriptionName, false);
        topicSubscriptions.computeIfAbsent(topic, t -> new ArrayList<>()).add(subscription);
        return subscription;
    }

    public void attach(ServerConsumer consumer, String topicOrNull) {
        consumer.queue().addConsumer(consumer);
        if (topicOrNull != null) {
            subscriptionOwners.put(consumer.queue(), consumer);
        }
    }

    /** Removes a consumer; a non-durable subscription goes with it. */
    public void detach(ServerConsumer consumer, String topicOrNull) {
        MessageQueue queue = consumer.queue();
        queue.removeConsumer(consumer);
        if (topicOrNull != null) {
            subscriptionOwners.remove(queue);
            List<MessageQueue> subscriptions = topicSubscriptions.get(topicOrNull);
            if (subscriptions != null) {
                subscriptions.remove(queue);
                if (subscriptions.isEmpty()) {
                    topicSubscriptions.remove(topicOrNull);
                }
            }
        }
    }

    public Map<String, MessageQueue> queues() {
        return queues;
    }

    /** The lowest offset any cursor still needs: segments wholly below it may be deleted. */
    public long retentionPoint() {
        long low = nextOffset;
        for (MessageQueue q : queues.values()) {
            low = Math.min(low, q.lowestOffset());
        }
        for (List<MessageQueue> subs : topicSubscriptions.values()) {
            for (MessageQueue q : subs) {
                low = Math.min(low, q.lowestOffset());
            }
        }
        return low;
    }

    // ------------------------------------------------------------------ delivery

    /** Pushes what can be pushed on every cursor, then flushes the connections written to. */
    public void dispatchAll() {
        for (MessageQueue q : queues.values()) {
            if (q.hasConsumers()) {
                dispatch(q);
            }
        }
        for (List<MessageQueue> subs : topicSubscriptions.values()) {
            for (MessageQueue q : subs) {
                dispatch(q);
            }
        }
        flushAll();
    }

    /** Pushes available messages of one cursor to consumers with credit; the caller flushes. */
    public void dispatch(MessageQueue queue) {
        long now = System.currentTimeMillis();
        while (queue.canDispatch()) {
            MessageRef ref = queue.firstAvailable();
            if (queue.isDurable() && ref.offset() >= dispatchMark) {
                requestMark();
                return;
            }
            if (ref.isExpired(now)) {
                queue.drop(ref);
                continue;
            }
            ServerConsumer consumer = queue.nextConsumerFor(ref);
            if (consumer == null) {
                return;
            }
            ByteBuffer record = read(ref.offset());
            if (record == null) {
                LOG.warn("{}: message at offset {} of {} is no longer in the store; dropping it", name, ref.offset(), queue.name());
                queue.drop(ref);
                continue;
            }
            DeliverySink sink = consumer.sink();
            Delivery delivery = new Delivery(sink.nextDeliveryId(), queue, ref, consumer);
            queue.acquire(ref, delivery);
            if (!sink.track(consumer.sessionId(), delivery)) {
                queue.release(ref, false);   // its session closed while the consumer was still attached
                consumer.stopCredit();
                continue;
            }
            int messageAt = PartitionRecords.readMessage(record).messageAt();
            sink.deliver(consumer.consumerId(), delivery, ref.previousDeliveries() + 1, record, messageAt);
            toFlush.add(sink);
        }
    }

    private void requestMark() {
        if (!markRequested) {
            markRequested = true;
            markRequester.accept(Math.max(nextOffset, dispatchMark) + MARK_HEADROOM);
        }
    }

    /** Called when a mark request could not be committed, so a later dispatch asks again. */
    void markFailed() {
        markRequested = false;
    }

    private ByteBuffer read(long offset) {
        try {
            return log.get().read(offset);
        } catch (IOException e) {
            LOG.error("{}: reading offset {} failed", name, offset, e);
            return null;
        }
    }

    public void flushAll() {
        for (DeliverySink sink : toFlush) {
            sink.flush();
        }
        toFlush.clear();
    }
}
