package io.runnel.broker.partition;

import io.runnel.broker.partition.ratis.RaftHost;
import io.runnel.broker.partition.ratis.RaftHostOptions;
import io.runnel.broker.partition.ratis.RatisCommitPipeline;
import io.runnel.store.Log;
import io.runnel.store.LogConfig;

import java.nio.file.Path;

/**
 * Opens one partition's commit pipeline of either kind on fixed directories, so a test can close it and open a new
 * instance over the same files (a broker restart). For Ratis each opening starts a new {@link RaftHost}, on a new
 * port.
 *
 * <p>Not thread-safe: used by the test's own thread.
 */
public final class PipelineFixture implements AutoCloseable {

    /** The pipeline implementations every pipeline test runs against. */
    public enum Kind { LOCAL, RATIS }

    public static final String PARTITION = "partition-0";
    public static final LogConfig LOG_CONFIG = LogConfig.builder().segmentBytes(4L << 20).build();

    private final Kind kind;
    private final Path storeDir;
    private final Path ratisDir;
    private RaftHostOptions options;

    private PartitionExecutor executor;
    private RaftHost host;
    private CommitPipeline pipeline;

    public PipelineFixture(Kind kind, Path dir) {
        this(kind, dir, RaftHostOptions.defaults());
    }

    public PipelineFixture(Kind kind, Path dir, RaftHostOptions options) {
        this.kind = kind;
        this.storeDir = dir.resolve("store");
        this.ratisDir = dir.resolve("ratis");
        this.options = options;
    }

    /** Creates and starts a pipeline (and, for Ratis, its host) over the fixture's directories. */
    public CommitPipeline open(StateMachine stateMachine) throws Exception {
        if (pipeline != null) {
            throw new IllegalStateException("close the open pipeline first");
        }
        executor = new PartitionExecutor(PARTITION + "-test");
        if (kind == Kind.LOCAL) {
            pipeline = new LocalCommitPipeline(PARTITION, storeDir, LOG_CONFIG, stateMachine, executor);
        } else {
            host = new RaftHost(ratisDir, "broker-1", options);
            pipeline = new RatisCommitPipeline(host, PARTITION, storeDir, LOG_CONFIG, stateMachine, executor);
            host.start();
        }
        pipeline.start();
        return pipeline;
    }

    /** Options for the next {@link #open}. */
    public void setOptions(RaftHostOptions newOptions) {
        this.options = newOptions;
    }

    public Kind kind() {
        return kind;
    }

    public Path storeDir() {
        return storeDir;
    }

    public PartitionExecutor executor() {
        return executor;
    }

    public RaftHost host() {
        return host;
    }

    public Log log() {
        return pipeline instanceof LocalCommitPipeline local ? local.log() : ((RatisCommitPipeline) pipeline).log();
    }

    /** Closes the open pipeline, its host and its partition thread, as a broker shutting down would. */
    public void closePipeline() throws Exception {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            pipeline = null;
            try {
                if (host != null) {
                    host.close();
                }
            } finally {
                host = null;
                if (executor != null) {
                    executor.close();
                    executor = null;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        closePipeline();
    }
}
