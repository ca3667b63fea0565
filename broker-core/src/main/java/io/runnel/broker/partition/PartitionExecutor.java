package io.runnel.broker.partition;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The single thread that owns a partition's state: every record is applied, every delivery decided and every
 * consumer attached on it, so the state machine and the destinations need no locks.
 *
 * <p>Tasks run in submission order. Code running on this thread must never block on I/O other than a read of the
 * partition's own store (a positional read from the page cache).
 */
public final class PartitionExecutor implements java.util.concurrent.Executor, AutoCloseable {
    private final ExecutorService thread;
    private volatile Thread owner;

    public PartitionExecutor(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            owner = t;
            return t;
        });
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    /** True when the caller runs on this partition's thread. */
    public boolean inPartitionThread() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
