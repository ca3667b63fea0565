package io.runnel.broker.partition;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a partition's records become committed: the one seam between Runnel's state machines and the way their
 * log is made durable and, in a cluster, replicated.
 *
 * <ul>
 *   <li>{@link LocalCommitPipeline}: a single broker. Entries are appended to the local store by one writer thread
 *       and one fsync covers every entry waiting at that moment (group commit).</li>
 *   <li>{@code RatisCommitPipeline}: each partition is an Apache Ratis group; an entry is committed when the Raft
 *       log holds it on a majority, then appended to the store by the state machine.</li>
 * </ul>
 *
 * <p>Both hand committed records to the {@link StateMachine} on the partition's thread, in log order, and
 * complete the returned future after the records were applied. An <em>entry</em> is the unit of atomicity: all of
 * its records are committed and applied, or none (a transaction is one entry).
 *
 * <p>Threading: {@link #submit} may be called from any thread. Futures complete on the partition thread; callers
 * must not block there.
 */
public interface CommitPipeline extends AutoCloseable {

    /**
     * Starts the pipeline: recovers the store, replays it into the state machine (with {@code replay = true}),
     * calls {@link StateMachine#recovered()}, and then accepts submissions.
     */
    void start() throws Exception;

    /**
     * Commits one entry.
     *
     * @param records the entry's records, each encoded by {@code PartitionRecords}; the pipeline owns the buffers
     *                from now on and the caller must not change them
     * @param durable true when the caller must not be answered before the entry is fsynced (persistent messages,
     *                acknowledgements, transaction decisions); false lets the local pipeline apply it without
     *                waiting for a disk flush (non-persistent messages, delivery-count updates)
     * @return completes with the store offset of the entry's first record once the entry is committed and applied,
     *         or exceptionally (e.g. {@link PipelineClosedException}, an I/O error) when it will never be
     */
    CompletableFuture<Long> submit(List<ByteBuffer> records, boolean durable);

    /**
     * The store holding this partition's applied records, for reading a committed record back by its offset
     * (deliveries). Valid after {@link #start()}.
     */
    io.runnel.store.Log log();

    /**
     * Asks the pipeline to delete the store's whole segments below {@code offset} (retention), on the thread that
     * owns the store's writes. Pipelines that cannot do so yet ignore the request.
     */
    default void retainFrom(long offset) {
    }

    /** Stops accepting entries, fails the ones not yet committed, flushes and closes the store. */
    @Override
    void close() throws Exception;
}
