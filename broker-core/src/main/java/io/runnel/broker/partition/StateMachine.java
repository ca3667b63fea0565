package io.runnel.broker.partition;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The deterministic state that a log's records build: a data partition's destinations and message states, or the
 * metadata catalogue. Every change to durable state is a record; the state machine applies records in log order,
 * and applying the same records in the same order always gives the same state, whichever {@link CommitPipeline}
 * committed them.
 *
 * <p>Threading: every method is called on the owning partition's single thread ({@link PartitionExecutor}), never
 * concurrently. {@link #apply} must not throw for a record it does not understand; it logs and skips it, because an
 * exception here would stop the partition.
 */
public interface StateMachine {

    /**
     * Applies one committed record.
     *
     * @param offset the record's offset in the partition's store, its identity for consumers and acknowledgements
     * @param record the record's bytes (position to limit), valid only during the call
     * @param replay true while the partition rebuilds its state from disk at start-up (nothing to answer, no
     *               consumers attached yet)
     */
    void apply(long offset, ByteBuffer record, boolean replay);

    /** Called once after the replay of the store, before any new record is applied. */
    default void recovered() {
    }

    /** Called after a batch of records was applied, so deliveries can be pushed once per batch rather than per record. */
    default void afterBatch() {
    }

    /** Convenience for pipelines: applies an entry's records, which got consecutive offsets from {@code baseOffset}. */
    default void applyAll(long baseOffset, List<ByteBuffer> records, boolean replay) {
        long offset = baseOffset;
        for (ByteBuffer record : records) {
            apply(offset++, record, replay);
        }
    }
}
