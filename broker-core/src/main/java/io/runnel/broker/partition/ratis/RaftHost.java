package io.runnel.broker.partition.ratis;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Apache Ratis {@link RaftServer} of a broker JVM, hosting one Raft group (a Ratis {@code Division}) per
 * {@link RatisCommitPipeline}: every data partition and the metadata catalogue (multi-raft).
 *
 * <p>Lifecycle: pipelines register their groups while they are constructed; {@link #start()} builds and starts the
 * server, which finds the groups already in its storage directory and starts them, then adds the registered groups
 * that are missing (new partitions). A pipeline registered after {@code start()} is added when it starts. Group ids
 * are derived from the pipeline names ({@link #groupId(String)}), so a restart finds every group again. A group found
 * in storage that no pipeline registered is stopped (its directory is left untouched) with a warning.
 *
 * <pre>
 * ratisDir/
 *   groups/&lt;group uuid&gt;/current/…      one Raft log, metadata and snapshot marker per group (Ratis's layout)
 *   removed-groups/                       where Ratis would move removed groups (Runnel never asks it to)
 * </pre>
 *
 * <p>Transport: gRPC bound to 127.0.0.1 on {@link RaftHostOptions#port()} (0 picks a free port at every start; a
 * one-peer group does not care, since it never dials its own address).
 *
 * <p>Threading: all methods are thread-safe; {@link #start()} and {@link #close()} are serialised. Measured with
 * one-peer groups, each group costs five threads (log worker, log cache eviction, state machine updater, leader
 * daemon, and a client-request thread that ends after 60 s idle); the server adds four (gRPC boss, pause monitor,
 * group management, start-up pool): 13 Ratis threads for 2 groups. Closing a group takes about a second (Ratis's
 * log worker notices the stop on its 1 s poll); {@link #close()} stops all remaining groups in parallel.
 */
public final class RaftHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftHost.class);
    private static final String BIND_HOST = "127.0.0.1";
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final Path ratisDir;
    private final RaftPeerId peerId;
    private final RaftHostOptions options;
    private final ClientId adminClientId = ClientId.randomId();
    private final AtomicLong adminCallIds = new AtomicLong();
    private final Map<RaftGroupId, Registration> registrations = new ConcurrentHashMap<>();

    private volatile RaftServer server;
    private volatile boolean closed;

    /** What a pipeline registered: the state machine Ratis must use for its group, and the group's first peers. */
    private record Registration(String name, StateMachine stateMachine, List<RaftPeer> peers) {
    }

    /** A host with {@link RaftHostOptions#defaults()}. */
    public RaftHost(Path ratisDir, String serverId) {
        this(ratisDir, serverId, RaftHostOptions.defaults());
    }

    /**
     * @param ratisDir where the groups' Raft logs live (created if missing)
     * @param serverId this broker's Raft peer id, stable across restarts
     */
    public RaftHost(Path ratisDir, String serverId, RaftHostOptions options) {
        this.ratisDir = ratisDir;
        this.peerId = RaftPeerId.valueOf(serverId);
        this.options = options;
    }

    /** The group id of a pipeline name: a name-based UUID, the same at every start. */
    public static RaftGroupId groupId(String pipelineName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("runnel:" + pipelineName).getBytes(StandardCharsets.UTF_8)));
    }

    public RaftPeerId peerId() {
        return peerId;
    }

    public RaftHostOptions options() {
        return options;
    }

    /** The address the server listens on (valid after {@link #start()}). */
    public InetSocketAddress address() {
        // Ratis reports a wildcard address when the port was chosen by the system; it is bound to BIND_HOST
        return new InetSocketAddress(BIND_HOST, requireServer().getServerRpc().getInetSocketAddress().getPort());
    }

    /** This server as a Raft peer, with the address it is bound to now (valid after {@link #start()}). */
    public RaftPeer self() {
        // a literal address, so that no reverse lookup turns it into a host name
        return RaftPeer.newBuilder().setId(peerId).setAddress(BIND_HOST + ":" + address().getPort()).build();
    }

    /** True between {@link #start()} and {@link #close()}. */
    public boolean isStarted() {
        return server != null && !closed;
    }

    /**
     * Builds and starts the server: starts the groups found in storage, adds the registered ones that are missing and
     * stops the unregistered ones. Does not wait for elections; each pipeline's {@code start()} waits for its group.
     */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("RaftHost " + peerId + " is closed");
        }
        if (server != null) {
            return;
        }
        Files.createDirectories(ratisDir.resolve("groups"));
        RaftServer built = RaftServer.newBuilder()
                .setServerId(peerId)
                .setProperties(properties())
                .setStateMachineRegistry(this::stateMachineFor)
                .build();
        try {
            built.start();
        } catch (IOException | RuntimeException e) {
            built.close();
            throw e;
        }
        server = built;
        LOG.info("Raft server {} listening on {}", peerId, address());
        List<RaftGroupId> running = new ArrayList<>();
        built.getGroupIds().forEach(running::add);
        for (RaftGroupId id : running) {
            Registration registration = registrations.get(id);
            if (registration == null) {
                LOG.warn("Raft group {} found in {} belongs to no pipeline: stopping it, its files are kept",
                        id, ratisDir);
                removeGroup(id);
            }
        }
        for (RaftGroupId id : registrations.keySet()) {
            if (!running.contains(id)) {
                addGroup(id);
            }
        }
    }

    private RaftProperties properties() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, BIND_HOST);
        GrpcConfigKeys.Server.setPort(p, options.port());
        // gRPC's event loops are left shared and lazily started (one boss thread, workers only for follower
        // traffic): dedicated groups cost no fewer threads here and add a 2 s graceful shutdown to every close.

        RaftServerConfigKeys.setStorageDir(p, List.of(ratisDir.resolve("groups").toFile()));
        RaftServerConfigKeys.setRemovedGroupsDir(p, ratisDir.resolve("removed-groups").toFile());

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(options.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(options.electionTimeoutMax()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, duration(options.firstElectionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, duration(options.firstElectionTimeoutMax()));

        // Durability (shared/notes/ratis.md): every entry is fsynced before it commits; force.sync.num stays at its
        // default (128), unsafe-flush acknowledges before the fsync and async-flush can mark later entries flushed.
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // One entry may carry a whole store batch; the write buffer (direct, one per group) must hold the largest entry.
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(options.maxEntryBytes()));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(options.maxEntryBytes() + 64 * 1024));

        // The store holds the state; a snapshot only marks how far it is flushed, so Ratis can purge its log.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, options.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, options.snapshotOnStop());
        RaftServerConfigKeys.Snapshot.setTriggerWhenRemoveEnabled(p, options.snapshotOnStop());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);

        // Requests are submitted in-process and never retried through Ratis: a short retry cache bounds its memory
        // (one cached reply per entry) under load. Producer retries are de-duplicated by the state machine.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));

        // A cached pool with a maximum runs at most one thread and lets it go when idle (Ratis builds it with an
        // unbounded queue): one client-request thread and one follower-append thread per busy group, none when idle.
        RaftServerConfigKeys.ThreadPool.setClientCached(p, true);
        RaftServerConfigKeys.ThreadPool.setClientSize(p, 1);
        RaftServerConfigKeys.ThreadPool.setServerCached(p, true);
        RaftServerConfigKeys.ThreadPool.setServerSize(p, 1);

        options.ratisProperties().forEach(p::set);
        return p;
    }

    private static TimeDuration duration(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private StateMachine stateMachineFor(RaftGroupId id) {
        Registration registration = registrations.get(id);
        if (registration != null) {
            return registration.stateMachine();
        }
        // Ratis starts every group directory it finds before we can choose; this one is stopped right after start.
        return new BaseStateMachine();
    }

    // ---------------------------------------------------------------- used by RatisCommitPipeline

    /**
     * Records the state machine of a pipeline's group. Nothing starts until the host (or, after the host started, the
     * pipeline) starts.
     *
     * @param peers the group's members when it is created; empty for a group of this server alone
     */
    void register(String name, RaftGroupId id, StateMachine stateMachine, List<RaftPeer> peers) {
        if (closed) {
            throw new IllegalStateException("RaftHost " + peerId + " is closed");
        }
        Registration previous = registrations.putIfAbsent(id, new Registration(name, stateMachine, List.copyOf(peers)));
        if (previous != null) {
            throw new IllegalStateException("a pipeline named " + name + " is already registered with this host");
        }
    }

    /** Adds the group to the running server unless it runs already. */
    synchronized void ensureStarted(RaftGroupId id) throws IOException {
        RaftServer s = requireServer();
        for (RaftGroupId running : s.getGroupIds()) {
            if (running.equals(id)) {
                return;
            }
        }
        addGroup(id);
    }

    private void addGroup(RaftGroupId id) throws IOException {
        Registration registration = registrations.get(id);
        if (registration == null) {
            throw new IllegalStateException("no pipeline registered group " + id);
        }
        List<RaftPeer> peers = registration.peers().isEmpty() ? List.of(self()) : registration.peers();
        // format = false: RECOVER an existing directory, or create one if missing
        RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(adminClientId, peerId,
                adminCallIds.incrementAndGet(), RaftGroup.valueOf(id, peers), false));
        if (!reply.isSuccess()) {
            throw new IOException("could not add Raft group " + registration.name() + " (" + id + ")",
                    reply.getException());
        }
        LOG.info("Raft group {} ({}) added with peers {}", registration.name(), id, peers);
    }

    /**
     * Stops a pipeline's group and forgets its registration; the group's directory stays for the next start. Ratis
     * applies every committed entry first, takes the stop snapshot if enabled, then closes the state machine.
     */
    synchronized void unregister(RaftGroupId id) {
        try {
            RaftServer s = server;
            if (s != null && !closed) {
                for (RaftGroupId running : s.getGroupIds()) {
                    if (running.equals(id)) {
                        removeGroup(id);
                        break;
                    }
                }
            }
        } finally {
            registrations.remove(id);
        }
    }

    private void removeGroup(RaftGroupId id) {
        try {
            RaftClientReply reply = server.groupManagement(GroupManagementRequest.newRemove(adminClientId, peerId,
                    adminCallIds.incrementAndGet(), id, false, false));
            if (!reply.isSuccess()) {
                LOG.warn("Raft group {} did not stop cleanly", id, reply.getException());
            }
        } catch (IOException e) {
            LOG.warn("Raft group {} did not stop cleanly", id, e);
        }
    }

    /** The running division of a group. */
    RaftServer.Division division(RaftGroupId id) throws IOException {
        return requireServer().getDivision(id);
    }

    /** Submits a client request in-process (no RaftClient, no network hop). */
    CompletableFuture<RaftClientReply> submit(RaftClientRequest request) throws IOException {
        return requireServer().submitClientRequestAsync(request);
    }

    /** Asks the group to take a snapshot now, whatever the number of entries since the last one. */
    CompletableFuture<RaftClientReply> snapshot(RaftGroupId id) throws IOException {
        return requireServer().snapshotManagementAsync(SnapshotManagementRequest.newCreate(adminClientId, peerId, id,
                adminCallIds.incrementAndGet(), ADMIN_TIMEOUT_MS, 1));
    }

    private RaftServer requireServer() {
        RaftServer s = server;
        if (s == null) {
            throw new IllegalStateException("RaftHost " + peerId + " is not started");
        }
        if (closed) {
            throw new IllegalStateException("RaftHost " + peerId + " is closed");
        }
        return s;
    }

    /** Stops every group still running (each applies what is committed and closes its store), then the server. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        RaftServer s = server;
        if (s != null) {
            s.close();
            LOG.info("Raft server {} closed", peerId);
        }
    }
}
