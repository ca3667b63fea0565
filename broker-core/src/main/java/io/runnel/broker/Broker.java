package io.runnel.broker;

import io.runnel.broker.catalog.Catalog;
import io.runnel.broker.net.BrokerServer;
import io.runnel.broker.partition.CommitPipeline;
import io.runnel.broker.partition.LocalCommitPipeline;
import io.runnel.broker.partition.Partition;
import io.runnel.broker.partition.PartitionExecutor;
import io.runnel.broker.partition.PartitionStateMachine;
import io.runnel.broker.partition.StateMachine;
import io.runnel.broker.partition.ratis.RaftHost;
import io.runnel.broker.partition.ratis.RatisCommitPipeline;
import io.runnel.broker.session.BrokerContext;
import io.runnel.store.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Runnel broker: the metadata catalogue, the data partitions and the TCP server, started and stopped together.
 * Embeddable: {@code new Broker(config).start()} in any JVM (tests use port 0 and read {@link #port()} back).
 *
 * <pre>
 * dataDir/
 *   meta/                    the catalogue's log (store segments)
 *   partition-0/ ...         one store directory per data partition
 *   ratis/                   the Raft logs and snapshots (pipeline = ratis only)
 * </pre>
 *
 * <p>Threading: {@link #start} and {@link #close} are called by one lifecycle thread; {@code close} is idempotent.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final List<Partition> partitions = new ArrayList<>();
    private Catalog catalog;
    private CommitPipeline catalogPipeline;
    private PartitionExecutor catalogExecutor;
    private RaftHost raftHost;
    private BrokerServer server;
    private ScheduledExecutorService housekeeping;
    private InetSocketAddress address;
    private boolean closed;

    public Broker(BrokerConfig config) {
        this.config = config;
    }

    public BrokerConfig config() {
        return config;
    }

    /** Recovers every partition from disk, then starts listening. */
    public synchronized Broker start() throws Exception {
        long started = System.nanoTime();
        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        LogConfig logConfig = LogConfig.builder()
                .segmentBytes(config.segmentBytes())
                .maxBatchBytes(config.maxFrameSize() + 64 * 1024)
                .build();
        try {
            if (config.pipeline() == BrokerConfig.Pipeline.RATIS) {
                raftHost = new RaftHost(data.resolve("ratis"), config.brokerId());
            }
            catalog = new Catalog(config.partitions(), config.autoCreateDestinations());
            catalogExecutor = new PartitionExecutor("runnel-meta");
            catalogPipeline = pipeline("meta", data.resolve("meta"), logConfig, catalog, catalogExecutor);
            catalog.attach(catalogPipeline);
            for (int i = 0; i < config.partitions(); i++) {
                PartitionStateMachine state = new PartitionStateMachine("partition-" + i);
                PartitionExecutor executor = new PartitionExecutor("runnel-partition-" + i);
                Partition partition = new Partition(i, state, executor);
                partition.attach(pipeline("partition-" + i, data.resolve("partition-" + i), logConfig, state, executor));
                partitions.add(partition);
            }
            if (raftHost != null) {
                raftHost.start();
            }
            catalogPipeline.start();
            for (Partition p : partitions) {
                p.pipeline().start();
            }
            server = new BrokerServer(config.host(), config.port(), config.maxFrameSize(),
                    new BrokerContext(config.brokerId(), catalog, List.copyOf(partitions)));
            address = server.start();
            housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "runnel-housekeeping");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(this::enforceRetention, config.retentionIntervalMillis(),
                    config.retentionIntervalMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
        LOG.info("Runnel broker {} listening on {}:{} (data in {}, {} partition(s), {} pipeline), started in {} ms",
                config.brokerId(), address.getHostString(), address.getPort(), data, config.partitions(),
                config.pipeline().name().toLowerCase(java.util.Locale.ROOT),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    private CommitPipeline pipeline(String name, Path dir, LogConfig logConfig, StateMachine sm, PartitionExecutor executor) {
        if (raftHost != null) {
            return new RatisCommitPipeline(raftHost, name, dir, logConfig, sm, executor);
        }
        return new LocalCommitPipeline(name, dir, logConfig, sm, executor);
    }

    private void enforceRetention() {
        for (Partition p : partitions) {
            p.enforceRetention();
        }
    }

    /** The port the broker listens on (the real one when configured with port 0). */
    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The client URL of this broker, e.g. {@code runnel://127.0.0.1:7672}. */
    public String url() {
        return "runnel://" + address.getHostString() + ":" + address.getPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    public List<Partition> partitions() {
        return List.copyOf(partitions);
    }

    /** Stops listening, closes connections, then flushes and closes every partition. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        for (Partition p : partitions) {
            closeQuietly("partition " + p.id(), p);
        }
        if (catalogPipeline != null) {
            closeQuietly("catalogue", catalogPipeline);
        }
        if (catalogExecutor != null) {
            closeQuietly("catalogue thread", catalogExecutor);
        }
        if (raftHost != null) {
            closeQuietly("raft server", raftHost);
        }
        LOG.info("Runnel broker {} stopped", config.brokerId());
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }
}
