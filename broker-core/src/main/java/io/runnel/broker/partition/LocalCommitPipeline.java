package io.runnel.broker.partition;

import io.runnel.store.Log;
import io.runnel.store.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single-broker commit pipeline: entries are appended to the partition's local {@link Log} by one writer thread,
 * and one fsync covers every entry that was waiting when the writer woke up (group commit). There is no consensus
 * round, so a lone synchronous producer pays one append and one fsync per send.
 *
 * <p>Design note: the writer takes everything queued, writes it as <em>one</em> store batch (one CRC, one write
 * call), fsyncs once if any entry is durable, then hands the batch to the partition thread to be applied. Under load
 * the queue fills while the previous fsync runs, so the number of entries per fsync grows with the load by itself,
 * without any timer. A torn batch after a crash is dropped whole by the store's recovery; none of its entries had
 * been answered, since answers follow the fsync.
 *
 * <p>Threading: {@link #submit} from any thread; one writer thread owns the {@link Log} for appends; the state
 * machine runs on the {@link PartitionExecutor}.
 */
public final class LocalCommitPipeline implements CommitPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCommitPipeline.class);
    private static final int MAX_ENTRIES_PER_BATCH = 4096;

    private final String name;
    private final Path directory;
    private final LogConfig logConfig;
    private final StateMachine stateMachine;
    private final PartitionExecutor executor;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private volatile Log log;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Highest retention point asked for and not yet applied by the writer, or -1. */
    private final java.util.concurrent.atomic.AtomicLong retention = new java.util.concurrent.atomic.AtomicLong(-1);
    private Thread writer;

    private record Pending(List<ByteBuffer> records, boolean durable, CompletableFuture<Long> future) {
        int bytes() {
            int n = 0;
            for (ByteBuffer r : records) {
                n += r.remaining() + 4;
            }
            return n;
        }
    }

    public LocalCommitPipeline(String name, Path directory, LogConfig logConfig, StateMachine stateMachine,
                               PartitionExecutor executor) {
        this.name = name;
        this.directory = directory;
        this.logConfig = logConfig;
        this.stateMachine = stateMachine;
        this.executor = executor;
    }

    @Override
    public Log log() {
        return log;
    }

    @Override
    public void start() throws Exception {
        log = Log.open(directory, logConfig);
        CompletableFuture<Void> replayed = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                long[] count = {0};
                log.scan(log.startOffset(), (offset, record) -> {
                    stateMachine.apply(offset, record, true);
                    count[0]++;
                });
                stateMachine.recovered();
                LOG.info("{}: replayed {} records [{}, {})", name, count[0], log.startOffset(), log.nextOffset());
                replayed.complete(null);
            } catch (Throwable t) {
                replayed.completeExceptionally(t);
            }
        });
        replayed.get();
        writer = new Thread(this::writeLoop, name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Long> submit(List<ByteBuffer> records, boolean durable) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new PipelineClosedException(name));
            return future;
        }
        Throwable failed = failure;
        if (failed != null) {
            future.completeExceptionally(new IOException(name + " stopped after a write error", failed));
            return future;
        }
        queue.add(new Pending(records, durable, future));
        return future;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        List<ByteBuffer> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                applyRetention();
                if (first == null) {
                    continue;
                }
                group.add(first);
                long bytes = first.bytes();
                long maxBytes = logConfig.maxBatchBytes() - 1024L;   // room for the batch header
                Pending next;
                while (group.size() < MAX_ENTRIES_PER_BATCH && (next = queue.peek()) != null
                        && bytes + next.bytes() <= maxBytes) {
                    group.add(queue.poll());
                    bytes += next.bytes();
                }
                writeGroup(group, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                LOG.error("{}: write failed; the partition refuses further writes", name, t);
                failure = t;
                for (Pending p : group) {
                    p.future.completeExceptionally(t);
                }
                failAll(t);
            } finally {
                group.clear();
                batch.clear();
            }
        }
    }

    @Override
    public void retainFrom(long offset) {
        retention.accumulateAndGet(offset, Math::max);
    }

    /** Deletes segments below the requested point; runs on the writer thread, which owns the store's files. */
    private void applyRetention() {
        long point = retention.getAndSet(-1);
        if (point > 0) {
            try {
                long start = log.deleteSegmentsBelow(point);
                LOG.debug("{}: retention at {}, log starts at {}", name, point, start);
            } catch (IOException e) {
                LOG.warn("{}: retention failed: {}", name, e.toString());
            }
        }
    }

    private void writeGroup(List<Pending> group, List<ByteBuffer> batch) throws IOException {
        boolean durable = false;
        for (Pending p : group) {
            batch.addAll(p.records);
            durable |= p.durable;
        }
        long base = log.append(batch);
        if (durable) {
            log.flush();
        }
        List<Pending> applied = List.copyOf(group);
        executor.execute(() -> applyGroup(base, applied));
    }

    private void applyGroup(long base, List<Pending> group) {
        long offset = base;
        for (Pending p : group) {
            long first = offset;
            try {
                stateMachine.applyAll(first, p.records, false);
                p.future.complete(first);
            } catch (Throwable t) {
                LOG.error("{}: applying entry at {} failed", name, first, t);
                p.future.completeExceptionally(t);
            }
            offset += p.records.size();
        }
        stateMachine.afterBatch();
    }

    private void failAll(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(cause);
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        failAll(new PipelineClosedException(name));
        if (log != null) {
            // let the partition thread finish the applies and reads already queued before the files close
            CompletableFuture.runAsync(() -> { }, executor).get(10, TimeUnit.SECONDS);
            log.close();
        }
    }
}
