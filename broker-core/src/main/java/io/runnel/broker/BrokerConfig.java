package io.runnel.broker;

import io.runnel.protocol.Limits;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a broker is started with. Immutable; built with {@link #builder()}, whose {@link Builder#build()}
 * checks every value and names the first bad one.
 *
 * <p>The defaults are the embedded single-broker configuration: 127.0.0.1:7672, data under {@code ./data}, one
 * partition, the local group-commit pipeline, destinations created on first use.
 */
public final class BrokerConfig {

    /** How a partition's records are committed (DESIGN.md, "The log"). */
    public enum Pipeline {
        /** Local append + group-commit fsync: the single-broker default. */
        LOCAL,
        /** Each partition is an Apache Ratis group (one peer for now). */
        RATIS;

        static Pipeline parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline must be 'local' or 'ratis', not '" + s + "'");
            }
        }
    }

    public static final int DEFAULT_PORT = 7672;

    private final String brokerId;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final int partitions;
    private final Pipeline pipeline;
    private final boolean autoCreateDestinations;
    private final int maxFrameSize;
    private final long segmentBytes;
    private final long retentionIntervalMillis;

    private BrokerConfig(Builder b) {
        this.brokerId = b.brokerId;
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.partitions = b.partitions;
        this.pipeline = b.pipeline;
        this.autoCreateDestinations = b.autoCreateDestinations;
        this.maxFrameSize = b.maxFrameSize;
        this.segmentBytes = b.segmentBytes;
        this.retentionIntervalMillis = b.retentionIntervalMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().brokerId(brokerId).host(host).port(port).dataDir(dataDir).partitions(partitions)
                .pipeline(pipeline).autoCreateDestinations(autoCreateDestinations).maxFrameSize(maxFrameSize)
                .segmentBytes(segmentBytes).retentionIntervalMillis(retentionIntervalMillis);
    }

    public String brokerId() {
        return brokerId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int partitions() {
        return partitions;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public boolean autoCreateDestinations() {
        return autoCreateDestinations;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    public long retentionIntervalMillis() {
        return retentionIntervalMillis;
    }

    @Override
    public String toString() {
        return "brokerId=" + brokerId + ", listen=" + host + ":" + port + ", dataDir=" + dataDir
                + ", partitions=" + partitions + ", pipeline=" + pipeline.name().toLowerCase(Locale.ROOT)
                + ", autoCreateDestinations=" + autoCreateDestinations + ", maxFrameSize=" + maxFrameSize
                + ", segmentBytes=" + segmentBytes;
    }

    /** Collects values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String brokerId = "runnel-1";
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private int partitions = 1;
        private Pipeline pipeline = Pipeline.LOCAL;
        private boolean autoCreateDestinations = true;
        private int maxFrameSize = Limits.DEFAULT_MAX_FRAME_SIZE;
        private long segmentBytes = 64L * 1024 * 1024;
        private long retentionIntervalMillis = 10_000;

        public Builder brokerId(String v) {
            brokerId = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        /** 0 picks a free port (tests). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        public Builder pipeline(Pipeline v) {
            pipeline = v;
            return this;
        }

        public Builder pipeline(String v) {
            pipeline = Pipeline.parse(v);
            return this;
        }

        public Builder autoCreateDestinations(boolean v) {
            autoCreateDestinations = v;
            return this;
        }

        public Builder maxFrameSize(int v) {
            maxFrameSize = v;
            return this;
        }

        public Builder segmentBytes(long v) {
            segmentBytes = v;
            return this;
        }

        public Builder retentionIntervalMillis(long v) {
            retentionIntervalMillis = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public BrokerConfig build() {
            require(brokerId != null && brokerId.matches("[A-Za-z0-9._-]{1,64}"),
                    "brokerId must be 1-64 letters, digits, '.', '_' or '-': " + brokerId);
            require(host != null && !host.isBlank(), "host must be set");
            require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
            Objects.requireNonNull(dataDir, "dataDir");
            require(partitions >= 1 && partitions <= 1024, "partitions must be 1..1024: " + partitions);
            Objects.requireNonNull(pipeline, "pipeline");
            require(maxFrameSize >= 1024, "maxFrameSize must be at least 1024 bytes: " + maxFrameSize);
            require(segmentBytes >= 1024 * 1024 && segmentBytes > maxFrameSize + 64L * 1024,
                    "segmentBytes must be at least 1 MiB and larger than maxFrameSize + 64 KiB: " + segmentBytes);
            require(retentionIntervalMillis > 0, "retentionIntervalMillis must be positive");
            return new BrokerConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
