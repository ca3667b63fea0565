package io.runnel.broker.partition.ratis;

import io.runnel.broker.partition.CommitPipeline;
import io.runnel.broker.partition.PartitionExecutor;
import io.runnel.broker.partition.PipelineClosedException;
import io.runnel.broker.partition.StateMachine;
import io.runnel.store.Log;
import io.runnel.store.LogConfig;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commit pipeline of a partition that is an Apache Ratis group: an entry is committed when the group's Raft log
 * holds it on a majority of members (fsynced by Ratis), then the {@link StoreStateMachine} appends its records to the
 * partition's store and applies them.
 *
 * <p>Entries are submitted in-process ({@code RaftServer.submitClientRequestAsync}), not through a
 * {@code RaftClient}: measured here, that is about 3 times the throughput of a client over loopback gRPC
 * (shared/notes/ratis.md). One entry becomes one Raft entry ({@link EntryCodec}); the future completes with the store
 * offset of the entry's first record, on the partition thread, after the records were applied. The {@code durable}
 * flag makes no difference: Ratis fsyncs every entry before it commits.
 *
 * <p>Submissions from one thread are committed in the order they were made (Ratis appends a request to its log
 * before {@code submitClientRequestAsync} returns). A submission may fail with a Ratis exception: not leader (after a
 * leadership change), resource unavailable (more than {@code raft.server.write.element-limit}, 4096 by default,
 * entries in flight), or the group stopped. A failure reported while the group stops does not prove the entry was not
 * committed: Ratis may still commit it at the next start, as Raft allows.
 *
 * <p>Threading: {@link #submit} from any thread; {@link #start()} and {@link #close()} from one managing thread.
 */
public final class RatisCommitPipeline implements CommitPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RatisCommitPipeline.class);
    /** Raft and protobuf framing around an entry's payload, with room to spare. */
    private static final int RAFT_ENTRY_OVERHEAD = 1024;
    /** Store batch header beyond the entry encoding: the store's 20-byte header against our 4-byte count. */
    private static final int STORE_BATCH_OVERHEAD = 16;
    private static final Duration CLOSE_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final RaftHost host;
    private final String name;
    private final RaftGroupId groupId;
    private final LogConfig logConfig;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final PendingEntries pending = new PendingEntries();
    private final PartitionExecutor executor;
    private final StoreStateMachine stateMachine;

    private volatile boolean started;
    private volatile boolean closed;

    /** A pipeline whose group is this host alone (created on first start). */
    public RatisCommitPipeline(RaftHost host, String name, Path storeDir, LogConfig logConfig, StateMachine stateMachine,
                               PartitionExecutor executor) {
        this(host, name, List.of(), storeDir, logConfig, stateMachine, executor);
    }

    /**
     * Registers the pipeline's group with the host; nothing runs until the host and this pipeline start.
     *
     * @param name      the partition's name, e.g. {@code partition-0} or {@code meta}; the Raft group id derives from it
     * @param peers     the group's members when the group is first created (this host among them); empty for this
     *                  host alone. An existing group keeps the membership stored in its Raft log.
     * @param storeDir  the partition's store directory
     * @param executor  the partition's thread, on which {@code stateMachine} is called
     */
    public RatisCommitPipeline(RaftHost host, String name, List<RaftPeer> peers, Path storeDir, LogConfig logConfig,
                               StateMachine stateMachine, PartitionExecutor executor) {
        this.host = host;
        this.name = name;
        this.groupId = RaftHost.groupId(name);
        this.logConfig = logConfig;
        this.executor = executor;
        this.stateMachine = new StoreStateMachine(name, storeDir, logConfig, stateMachine, executor, pending,
                clientId.toByteString());
        host.register(name, groupId, this.stateMachine, peers);
    }

    public String name() {
        return name;
    }

    public RaftGroupId groupId() {
        return groupId;
    }

    /** The store the state machine appends to, for reads of committed records (valid after {@link #start()}). */
    public Log log() {
        return stateMachine.log();
    }

    /**
     * Waits until the group's store has been replayed into the state machine and this member leads the group and is
     * ready to commit (at most {@link RaftHostOptions#startTimeout()}). The host must be started; if the group is not
     * running yet (a pipeline created after the host started) it is added now. Must not be called on the partition
     * thread, which the replay needs.
     */
    @Override
    public void start() throws Exception {
        if (closed) {
            throw new PipelineClosedException(name);
        }
        requireOffPartitionThread("start");
        long deadline = System.nanoTime() + host.options().startTimeout().toNanos();
        host.ensureStarted(groupId);
        await(stateMachine.initialized(), deadline, "replay its store");
        RaftServer.Division division = host.division(groupId);
        await(stateMachine.leaderReady(), deadline, "become leader");
        long committed = division.getRaftLog().getLastCommittedIndex();
        if (committed <= stateMachine.storedThroughIndex()) {
            throw new IOException(name + ": the store holds Raft entries up to index "
                    + stateMachine.storedThroughIndex() + " but the Raft log ends at " + committed
                    + "; was the Raft directory lost?");
        }
        started = true;
        LOG.info("{}: Raft group {} ready, term {}", name, groupId, division.getInfo().getCurrentTerm());
    }

    private void requireOffPartitionThread(String what) {
        if (executor.inPartitionThread()) {
            throw new IllegalStateException(name + ": " + what + " would wait for the partition thread it runs on");
        }
    }

    private void await(CompletableFuture<Void> step, long deadline, String what) throws Exception {
        try {
            step.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new TimeoutException(name + ": did not " + what + " within " + host.options().startTimeout());
        }
    }

    @Override
    public CompletableFuture<Long> submit(List<ByteBuffer> records, boolean durable) {
        if (closed) {
            return CompletableFuture.failedFuture(new PipelineClosedException(name));
        }
        Throwable failed = stateMachine.failure();
        if (failed != null) {
            return CompletableFuture.failedFuture(new IOException(name + " stopped after a write error", failed));
        }
        String invalid = validate(records);
        if (invalid != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(name + ": " + invalid));
        }
        long callId = callIds.incrementAndGet();
        CompletableFuture<Long> future = pending.add(callId);
        try {
            RaftClientRequest request = RaftClientRequest.newBuilder()
                    .setClientId(clientId)
                    .setServerId(host.peerId())
                    .setGroupId(groupId)
                    .setCallId(callId)
                    .setMessage(Message.valueOf(EntryCodec.encode(records)))
                    .setType(RaftClientRequest.writeRequestType())
                    .build();
            host.submit(request).whenComplete((reply, error) -> settle(callId, reply, error));
        } catch (IOException | RuntimeException e) {
            pending.fail(callId, e);
        }
        return future;
    }

    /** Null when the entry can be committed, else why not. */
    private String validate(List<ByteBuffer> records) {
        if (records.isEmpty()) {
            return "an entry needs at least one record";
        }
        for (ByteBuffer r : records) {
            if (r.remaining() < Long.BYTES) {
                return "a record of " + r.remaining() + " bytes has no room for its entry index";
            }
        }
        long bytes = EntryCodec.encodedBytes(records);
        if (bytes + STORE_BATCH_OVERHEAD > logConfig.maxBatchBytes()
                || bytes + RAFT_ENTRY_OVERHEAD > host.options().maxEntryBytes()) {
            return "an entry of " + bytes + " bytes exceeds the largest store batch (" + logConfig.maxBatchBytes()
                    + ") or Raft entry (" + host.options().maxEntryBytes() + ")";
        }
        return null;
    }

    /** Settles a future from the Ratis reply; successful entries were normally completed by the state machine. */
    private void settle(long callId, RaftClientReply reply, Throwable error) {
        if (error != null) {
            pending.fail(callId, error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error);
        } else if (!reply.isSuccess()) {
            Throwable cause = reply.getException();
            pending.fail(callId, cause != null ? cause : new IOException(name + ": entry refused by Raft"));
        } else {
            long offset = StoreStateMachine.offsetOf(reply.getMessage());
            if (offset >= 0) {
                pending.complete(callId, offset);
            } else {
                pending.fail(callId, new IOException(name + ": Raft reply without an offset"));
            }
        }
    }

    /**
     * Takes a snapshot now: flushes the store and lets Ratis purge its log up to the returned index. Ratis takes
     * them by itself every {@link RaftHostOptions#snapshotThreshold()} entries; this is for tests and operations.
     */
    public CompletableFuture<Long> snapshot() {
        try {
            return host.snapshot(groupId).thenApply(reply -> {
                if (!reply.isSuccess()) {
                    throw new CompletionException(reply.getException());
                }
                return reply.getLogIndex();
            });
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Refuses new entries, waits (up to 10 s) for the ones in flight, then stops the group: Ratis applies what is
     * committed, takes the stop snapshot if enabled and closes the store. Entries still pending then fail. Must not be
     * called on the partition thread, which the last entries need.
     */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        requireOffPartitionThread("close");
        closed = true;
        if (started && !pending.awaitSettled(CLOSE_DRAIN_TIMEOUT)) {
            LOG.warn("{}: {} entries still in flight after {}; failing them", name, pending.size(),
                    CLOSE_DRAIN_TIMEOUT);
        }
        host.unregister(groupId);
        // a group that never started (or a host closed first) has nobody left to close the store
        stateMachine.close();
    }
}
