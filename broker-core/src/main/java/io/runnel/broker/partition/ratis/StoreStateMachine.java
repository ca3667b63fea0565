package io.runnel.broker.partition.ratis;

import io.runnel.broker.partition.PartitionExecutor;
import io.runnel.broker.partition.PipelineClosedException;
import io.runnel.broker.partition.StateMachine;
import io.runnel.broker.persistence.PartitionRecords;
import io.runnel.store.Log;
import io.runnel.store.LogConfig;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Ratis state machine of one Runnel group: it appends each committed Raft entry's records to the partition's
 * store and hands them to the Runnel {@link StateMachine} on the {@link PartitionExecutor}.
 *
 * <p>The store, not a snapshot file, is the state. Start-up replays the store into the Runnel state machine and
 * notes the highest Raft index it holds (every record carries its entry's index in its first 8 bytes,
 * {@link PartitionRecords#entryIndex}); Ratis then re-applies its log from the last snapshot, and every entry at or
 * below that index is skipped, so the replay is idempotent. A snapshot flushes (fsyncs) the store and writes a
 * {@link SnapshotMarker}; only then may Ratis purge its log up to the snapshot's index. Until a snapshot the Raft log
 * is the durable copy, so store appends are not fsynced.
 *
 * <p>Failure contract: a store write error is fatal to the group (the exception makes Ratis stop the division), so
 * no later entry can be applied over a gap; {@link #failure()} then tells the pipeline to refuse submissions.
 *
 * <p>Threading: {@link #initialize} runs on a Ratis start-up thread and waits for the replay on the partition
 * thread. {@link #applyTransaction}, {@link #takeSnapshot} and (normally) {@link #close} run on the group's single
 * state-machine updater thread, the store's only writer. The Runnel state machine is touched only on the partition
 * thread, in log order: applied entries go through one FIFO queue drained there, and {@code afterBatch()} is called
 * once per drain.
 */
final class StoreStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStateMachine.class);

    private final String name;
    private final Path storeDir;
    private final LogConfig logConfig;
    private final StateMachine stateMachine;
    private final PartitionExecutor executor;
    private final PendingEntries pending;
    private final ByteString pipelineClientId;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final CompletableFuture<Void> leaderReady = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<AppliedEntry> toApply = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private volatile Log log;
    private volatile long storedThrough = -1;
    private volatile Throwable failure;
    private boolean closed;

    /** An entry written to the store, waiting for the partition thread. callId is -1 for entries of other clients. */
    private record AppliedEntry(long baseOffset, List<ByteBuffer> records, long callId, CompletableFuture<Message> done) {
    }

    StoreStateMachine(String name, Path storeDir, LogConfig logConfig, StateMachine stateMachine,
                      PartitionExecutor executor, PendingEntries pending, ByteString pipelineClientId) {
        this.name = name;
        this.storeDir = storeDir;
        this.logConfig = logConfig;
        this.stateMachine = stateMachine;
        this.executor = executor;
        this.pending = pending;
        this.pipelineClientId = pipelineClientId;
    }

    Log log() {
        return log;
    }

    /** Completes when the store was opened and replayed (exceptionally if that failed). */
    CompletableFuture<Void> initialized() {
        return initialized;
    }

    /** Completes the first time this member becomes leader and has committed an entry of its term. */
    CompletableFuture<Void> leaderReady() {
        return leaderReady;
    }

    /** The highest Raft index whose records the store holds (-1 when none). */
    long storedThroughIndex() {
        return storedThrough;
    }

    /** The store write error that stopped the group, or null. */
    Throwable failure() {
        return failure;
    }

    // ---------------------------------------------------------------- start-up

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        try {
            storage.init(raftStorage);
            SnapshotMarker marker = loadSnapshot();
            Log opened = Log.open(storeDir, logConfig);
            try {
                replay(opened);
                if (marker != null && opened.nextOffset() < marker.storeNextOffset()) {
                    throw new IOException(name + ": the store ends at offset " + opened.nextOffset()
                            + " but a snapshot recorded it flushed up to " + marker.storeNextOffset()
                            + "; the Raft log no longer holds the missing records");
                }
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            log = opened;
            initialized.complete(null);
        } catch (IOException | RuntimeException e) {
            initialized.completeExceptionally(e);
            throw e;
        }
    }

    private SnapshotMarker loadSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.getLatestSnapshot();
        if (snapshot == null) {
            return null;
        }
        File file = snapshot.getFile().getPath().toFile();
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file, md5);
        }
        SnapshotMarker marker = SnapshotMarker.readFrom(file.toPath());
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("{}: snapshot at {} (store flushed below offset {})", name, snapshot.getTermIndex(),
                marker.storeNextOffset());
        return marker;
    }

    /** Replays the store on the partition thread and waits; notes the highest entry index found. */
    private void replay(Log opened) throws IOException {
        CompletableFuture<long[]> replayed = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                long[] countAndMax = {0, -1};
                opened.scan(opened.startOffset(), (offset, record) -> {
                    countAndMax[1] = Math.max(countAndMax[1], PartitionRecords.entryIndex(record));
                    stateMachine.apply(offset, record, true);
                    countAndMax[0]++;
                });
                stateMachine.recovered();
                replayed.complete(countAndMax);
            } catch (Throwable t) {
                replayed.completeExceptionally(t);
            }
        });
        try {
            long[] countAndMax = replayed.get();
            storedThrough = countAndMax[1];
            LOG.info("{}: replayed {} records [{}, {}) holding Raft entries up to index {}", name, countAndMax[0],
                    opened.startOffset(), opened.nextOffset(), storedThrough);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted while replaying the store", e);
        } catch (ExecutionException e) {
            throw new IOException(name + ": replaying the store failed", e.getCause());
        }
    }

    @Override
    public void reinitialize() throws IOException {
        // Installing a snapshot from a leader needs the store itself to be shipped; not built yet.
        throw new IOException(name + ": installing a snapshot from another member is not supported yet");
    }

    @Override
    public void notifyLeaderReady() {
        leaderReady.complete(null);
    }

    // ---------------------------------------------------------------- applying

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        if (index <= storedThrough) {
            // re-applied after a restart: the store holds this entry already
            updateLastAppliedTermIndex(entry.getTerm(), index);
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        StateMachineLogEntryProto body = entry.getStateMachineLogEntry();
        List<ByteBuffer> records;
        long base;
        try {
            records = EntryCodec.decode(body.getLogData());
            Log l = log;
            if (records.isEmpty()) {
                base = l.nextOffset();
            } else {
                for (ByteBuffer r : records) {
                    PartitionRecords.setEntryIndex(r, index);
                }
                base = l.append(records);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            LOG.error("{}: writing Raft entry {} to the store failed; the group stops", name, index, e);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        storedThrough = index;
        updateLastAppliedTermIndex(entry.getTerm(), index);
        long callId = body.getClientId().equals(pipelineClientId) ? body.getCallId() : -1;
        CompletableFuture<Message> done = new CompletableFuture<>();
        toApply.add(new AppliedEntry(base, records, callId, done));
        if (drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
        return done;
    }

    /** On the partition thread: applies every queued entry in log order, then one afterBatch(). */
    private void drain() {
        drainScheduled.set(false);
        boolean any = false;
        AppliedEntry e;
        while ((e = toApply.poll()) != null) {
            any = true;
            try {
                stateMachine.applyAll(e.baseOffset(), e.records(), false);
                if (e.callId() >= 0) {
                    pending.complete(e.callId(), e.baseOffset());
                }
            } catch (Throwable t) {
                LOG.error("{}: applying the entry at offset {} failed", name, e.baseOffset(), t);
                if (e.callId() >= 0) {
                    pending.fail(e.callId(), t);
                }
            }
            e.done().complete(offsetMessage(e.baseOffset()));
        }
        if (any) {
            try {
                stateMachine.afterBatch();
            } catch (Throwable t) {
                LOG.error("{}: afterBatch failed", name, t);
            }
        }
    }

    /** The reply of an applied entry: its base offset, 8 bytes big-endian. */
    static Message offsetMessage(long baseOffset) {
        return Message.valueOf(ByteBuffer.allocate(8).putLong(0, baseOffset));
    }

    static long offsetOf(Message reply) {
        ByteString content = reply.getContent();
        return content.size() == 8 ? content.asReadOnlyByteBuffer().getLong() : -1;
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /**
     * Makes everything applied so far durable in the store, then records it in a snapshot marker: from here on Ratis
     * may purge its log up to the returned index.
     */
    @Override
    public long takeSnapshot() throws IOException {
        Log l = log;
        TermIndex last = getLastAppliedTermIndex();
        if (l == null || last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        l.flush();
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        new SnapshotMarker(l.nextOffset(), storedThrough).writeTo(file.toPath());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        LOG.debug("{}: snapshot at {}, store flushed below offset {}", name, last, l.nextOffset());
        return last.getIndex();
    }

    // ---------------------------------------------------------------- shutdown

    /** Called by Ratis when the group stops, after every committed entry was applied: closes (flushes) the store. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Throwable failed = failure;
        pending.failAll(failed != null ? new IOException(name + " stopped after a write error", failed)
                : new PipelineClosedException(name));
        IOException notReady = new IOException(name + " stopped");
        initialized.completeExceptionally(notReady);
        leaderReady.completeExceptionally(notReady);
        Log l = log;
        if (l != null) {
            l.close();
        }
    }
}
