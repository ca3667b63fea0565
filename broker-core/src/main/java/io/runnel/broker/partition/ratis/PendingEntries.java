package io.runnel.broker.partition.ratis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures of the entries a {@link RatisCommitPipeline} submitted and that are not settled yet, by Raft call id.
 *
 * <p>Design note: the state machine completes a future right after applying its entry, on the partition thread, as
 * the {@code CommitPipeline} contract asks; the Ratis reply, which arrives later on a Ratis thread, only settles the
 * futures that the state machine never saw (refused or failed requests). Whichever comes first wins; the other is a
 * no-op.
 *
 * <p>Thread-safe.
 */
final class PendingEntries {
    private final ConcurrentHashMap<Long, CompletableFuture<Long>> futures = new ConcurrentHashMap<>();

    CompletableFuture<Long> add(long callId) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        futures.put(callId, future);
        return future;
    }

    /** Completes the entry's future with its base offset; a no-op for an unknown or settled call id. */
    void complete(long callId, long baseOffset) {
        CompletableFuture<Long> future = futures.remove(callId);
        if (future != null) {
            future.complete(baseOffset);
        }
    }

    void fail(long callId, Throwable cause) {
        CompletableFuture<Long> future = futures.remove(callId);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    void failAll(Throwable cause) {
        for (Long callId : futures.keySet()) {
            fail(callId, cause);
        }
    }

    int size() {
        return futures.size();
    }

    /** Waits until every entry pending now is settled, successfully or not; false if the time ran out first. */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] now = futures.values().toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(now).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            // allOf completes exceptionally only once every future is done
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
