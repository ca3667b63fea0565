package io.runnel.broker.partition;

import io.netty.buffer.ByteBuf;
import io.runnel.broker.destination.Delivery;
import io.runnel.broker.destination.DeliverySink;
import io.runnel.broker.destination.MessageQueue;
import io.runnel.broker.destination.MessageRef;
import io.runnel.broker.destination.ServerConsumer;
import io.runnel.broker.persistence.PartitionRecords;
import io.runnel.protocol.DestinationRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One data partition: its {@link PartitionStateMachine}, the {@link CommitPipeline} that makes its records durable,
 * and the {@link PartitionExecutor} thread that owns its state. This class is the partition's API for connections:
 * every method may be called from any thread, hops to the partition thread and answers with a future.
 *
 * <p>The rule behind every method: in-memory delivery state (acquired, released) changes on the partition thread at
 * once; anything a restart must remember (messages, acknowledgements, delivery counts) is a record, and an operation
 * that the client waits on is answered only after its record was committed and applied.
 */
public final class Partition implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);

    private final int id;
    private final PartitionStateMachine state;
    private final PartitionExecutor executor;
    private CommitPipeline pipeline;

    public Partition(int id, PartitionStateMachine state, PartitionExecutor executor) {
        this.id = id;
        this.state = state;
        this.executor = executor;
    }

    /** Connects the commit pipeline (built around {@link #stateMachine()} and {@link #executor()}). */
    public void attach(CommitPipeline pipeline) {
        this.pipeline = pipeline;
        Supplier<io.runnel.store.Log> log = pipeline::log;
        state.bind(log, this::commitDispatchMark);
    }

    public int id() {
        return id;
    }

    public PartitionStateMachine stateMachine() {
        return state;
    }

    public PartitionExecutor executor() {
        return executor;
    }

    public CommitPipeline pipeline() {
        return pipeline;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Appends one message. Completes once the MESSAGE record is committed (and fsynced when {@code persistent}) and
     * applied, so consumers can already see it.
     *
     * @param message the encoded message; read, not retained
     */
    public CompletableFuture<Long> send(DestinationRef destination, long producerConnectionId, ByteBuf message, boolean persistent) {
        return pipeline.submit(List.of(PartitionRecords.message(destination, producerConnectionId, message)), persistent);
    }

    /**
     * Commits a local transaction whose every send and acknowledgement is in this partition: one entry, so all of it
     * becomes visible or none.
     *
     * @param sends MESSAGE records built with {@link PartitionRecords#message}
     */
    public CompletableFuture<Void> commit(List<ByteBuffer> sends, List<Delivery> acks) {
        return onPartition(() -> {
            List<ByteBuffer> entry = new ArrayList<>(sends);
            entry.addAll(ackRecords(acks));
            if (entry.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return pipeline.submit(entry, true).thenApply(offset -> (Void) null);
        }).thenCompose(f -> f);
    }

    // ------------------------------------------------------------------ consumers

    /** Creates a consumer on a queue, or on a new non-durable subscription of a topic. */
    public CompletableFuture<ServerConsumer> openConsumer(DeliverySink sink, int sessionId, long consumerId,
                                                          DestinationRef destination, boolean noLocal, int credit) {
        return onPartition(() -> {
            String topic = destination.type().isQueue() ? null : destination.name();
            MessageQueue queue = topic == null
                    ? state.queue(destination.name())
                    : state.subscribe(topic, destination.name() + "#" + sink.connectionId() + ":" + consumerId);
            ServerConsumer consumer = new ServerConsumer(id, sink, sessionId, consumerId, queue, noLocal, credit);
            state.attach(consumer, topic);
            // deliveries start in a later task, so the client hears "consumer created" before the first delivery
            executor.execute(() -> {
                state.dispatch(queue);
                state.flushAll();
            });
            return consumer;
        });
    }

    /** Closes a consumer; the deliveries it still held unread go back without a raised delivery count. */
    public CompletableFuture<Void> closeConsumer(ServerConsumer consumer, DestinationRef destination, List<Delivery> undelivered) {
        return onPartition(() -> {
            releaseHere(undelivered, false, false);
            state.detach(consumer, destination.type().isQueue() ? null : destination.name());
            dispatchLater();
            return null;
        });
    }

    public void credit(ServerConsumer consumer, int credit) {
        executor.execute(() -> {
            if (!consumer.isClosed()) {
                consumer.addCredit(credit);
                state.dispatch(consumer.queue());
                state.flushAll();
            }
        });
    }

    // ------------------------------------------------------------------ acknowledgement

    /**
     * Acknowledges deliveries. Completes when the ACK records are committed and applied (durable cursors) or at
     * once (non-durable subscriptions, whose state is memory only).
     */
    public CompletableFuture<Void> acknowledge(List<Delivery> deliveries) {
        return onPartition(() -> {
            List<ByteBuffer> records = ackRecords(deliveries);
            if (records.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return pipeline.submit(records, true).thenApply(offset -> (Void) null);
        }).thenCompose(f -> f);
    }

    /**
     * Marks the deliveries' messages as ACK_PENDING and builds one ACK record per durable queue; messages of
     * non-durable subscriptions are removed at once. Runs on the partition thread.
     */
    private List<ByteBuffer> ackRecords(List<Delivery> deliveries) {
        Map<MessageQueue, long[]> byQueue = new HashMap<>();
        Map<MessageQueue, Integer> counts = new HashMap<>();
        for (Delivery d : deliveries) {
            MessageRef ref = d.message();
            if (ref.delivery() != d || ref.state() != MessageRef.State.ACQUIRED) {
                continue;  // already released, acknowledged, or redelivered elsewhere
            }
            MessageQueue queue = d.queue();
            if (!queue.isDurable()) {
                queue.remove(ref.offset());
                continue;
            }
            ref.ackPending();
            long[] offsets = byQueue.computeIfAbsent(queue, q -> new long[deliveries.size()]);
            int n = counts.merge(queue, 1, Integer::sum);
            offsets[n - 1] = ref.offset();
        }
        List<ByteBuffer> records = new ArrayList<>(byQueue.size());
        byQueue.forEach((queue, offsets) -> records.add(PartitionRecords.ack(queue.name(), offsets, counts.get(queue))));
        return records;
    }

    /**
     * Puts deliveries back.
     *
     * @param delivered    the application had received them: raise their delivery count
     * @param returnCredit give the consumer back the credit they took (they were never read from its buffer)
     */
    public CompletableFuture<Void> release(List<Delivery> deliveries, boolean delivered, boolean returnCredit) {
        return onPartition(() -> {
            releaseHere(deliveries, delivered, returnCredit);
            dispatchLater();
            return null;
        });
    }

    private void releaseHere(List<Delivery> deliveries, boolean delivered, boolean returnCredit) {
        Map<MessageQueue, List<MessageRef>> counted = new HashMap<>();
        for (Delivery d : deliveries) {
            MessageRef ref = d.message();
            if (ref.delivery() != d) {
                continue;
            }
            if (d.queue().release(ref, delivered) && delivered && d.queue().isDurable()) {
                counted.computeIfAbsent(d.queue(), q -> new ArrayList<>()).add(ref);
            }
            if (returnCredit && !d.consumer().isClosed()) {
                d.consumer().addCredit(1);
            }
        }
        // delivery counts are remembered across restarts, without making anyone wait for the disk
        counted.forEach((queue, refs) -> {
            long[] offsets = new long[refs.size()];
            int[] counts = new int[refs.size()];
            for (int i = 0; i < refs.size(); i++) {
                offsets[i] = refs.get(i).offset();
                counts[i] = refs.get(i).previousDeliveries();
            }
            pipeline.submit(List.of(PartitionRecords.release(queue.name(), offsets, counts, offsets.length)), false)
                    .exceptionally(t -> {
                        LOG.warn("partition {}: delivery counts of {} not recorded: {}", id, queue.name(), t.toString());
                        return null;
                    });
        });
    }

    /**
     * Dispatches in a task queued after the current one, so that the answer to the request being handled is written
     * before the deliveries it makes possible.
     */
    private void dispatchLater() {
        executor.execute(state::dispatchAll);
    }

    // ------------------------------------------------------------------ housekeeping

    private void commitDispatchMark(long mark) {
        pipeline.submit(List.of(PartitionRecords.dispatchMark(mark)), true).whenComplete((offset, error) -> {
            if (error != null) {
                LOG.error("partition {}: dispatch mark not committed", id, error);
                executor.execute(state::markFailed);
            }
        });
    }

    /** Deletes log segments no cursor needs any more. */
    public void enforceRetention() {
        executor.execute(() -> pipeline.retainFrom(state.retentionPoint()));
    }

    /** Runs {@code task} on the partition thread. */
    public <T> CompletableFuture<T> onPartition(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new PipelineClosedException("partition " + id));
        }
        return result;
    }

    @Override
    public void close() throws Exception {
        try {
            pipeline.close();
        } finally {
            executor.close();
        }
    }
}
