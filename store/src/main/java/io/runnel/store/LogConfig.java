package io.runnel.store;

import io.runnel.store.internal.segment.BatchFormat;

/**
 * Settings of a {@link Log}. Immutable; build one with {@link #builder()}.
 *
 * <pre>
 * LogConfig config = LogConfig.builder().segmentBytes(128L &lt;&lt; 20).build();
 * </pre>
 */
public final class LogConfig {

    /** Default {@link #segmentBytes()}: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /** Default {@link #indexIntervalBytes()}: 4 KiB. */
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    /** Default {@link #maxBatchBytes()}: 16 MiB + 64 KiB (a 16 MiB message and room for its headers). */
    public static final int DEFAULT_MAX_BATCH_BYTES = (16 << 20) + (64 << 10);

    private final long segmentBytes;
    private final int indexIntervalBytes;
    private final int maxBatchBytes;
    private final boolean preallocate;

    private LogConfig(Builder builder) {
        this.segmentBytes = builder.segmentBytes;
        this.indexIntervalBytes = builder.indexIntervalBytes;
        this.maxBatchBytes = builder.maxBatchBytes > 0 ? builder.maxBatchBytes
                : (int) Math.min(DEFAULT_MAX_BATCH_BYTES, builder.segmentBytes);
        this.preallocate = builder.preallocate;
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most bytes of batches one segment file holds; a new segment file is preallocated to this size.
     *
     * @return bytes per segment
     */
    public long segmentBytes() {
        return segmentBytes;
    }

    /**
     * Bytes of batches between two entries of a segment's sparse index: the most a read scans past its index entry.
     *
     * @return bytes between index entries
     */
    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    /**
     * The largest batch an append accepts, counting the batch's 20-byte header and 4 bytes per record.
     *
     * @return the largest batch in bytes
     */
    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    /**
     * Whether a new segment file is extended to {@link #segmentBytes()} when it is created, so that appends do not
     * grow the file.
     *
     * @return whether segment files are preallocated
     */
    public boolean preallocate() {
        return preallocate;
    }

    @Override
    public String toString() {
        return "LogConfig[segmentBytes=" + segmentBytes + ", indexIntervalBytes=" + indexIntervalBytes
                + ", maxBatchBytes=" + maxBatchBytes + ", preallocate=" + preallocate + "]";
    }

    /** Collects settings for a {@link LogConfig}. Not thread-safe. */
    public static final class Builder {

        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private int indexIntervalBytes = DEFAULT_INDEX_INTERVAL_BYTES;
        private int maxBatchBytes; // 0: the default, capped at segmentBytes
        private boolean preallocate = true;

        private Builder() {
        }

        /**
         * Sets {@link LogConfig#segmentBytes()}.
         *
         * @param bytes at least {@code maxBatchBytes} and at most {@code Integer.MAX_VALUE} (positions in a segment
         *              are 32-bit)
         * @return this builder
         */
        public Builder segmentBytes(long bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * Sets {@link LogConfig#indexIntervalBytes()}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder indexIntervalBytes(int bytes) {
            this.indexIntervalBytes = bytes;
            return this;
        }

        /**
         * Sets {@link LogConfig#maxBatchBytes()}. When not set: {@value LogConfig#DEFAULT_MAX_BATCH_BYTES}, or
         * {@code segmentBytes} if that is smaller.
         *
         * @param bytes at least 24 (one empty record) and at most {@code segmentBytes}
         * @return this builder
         */
        public Builder maxBatchBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBatchBytes must be positive: " + bytes);
            }
            this.maxBatchBytes = bytes;
            return this;
        }

        /**
         * Sets {@link LogConfig#preallocate()}.
         *
         * @param preallocate whether to preallocate segment files
         * @return this builder
         */
        public Builder preallocate(boolean preallocate) {
            this.preallocate = preallocate;
            return this;
        }

        /**
         * Checks the settings and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a setting is out of range or they contradict each other
         */
        public LogConfig build() {
            if (segmentBytes < BatchFormat.MIN_BATCH_BYTES || segmentBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("segmentBytes must be in [" + BatchFormat.MIN_BATCH_BYTES + ", "
                        + Integer.MAX_VALUE + "]: " + segmentBytes);
            }
            if (indexIntervalBytes < 1) {
                throw new IllegalArgumentException("indexIntervalBytes must be positive: " + indexIntervalBytes);
            }
            LogConfig config = new LogConfig(this);
            if (config.maxBatchBytes < BatchFormat.MIN_BATCH_BYTES || config.maxBatchBytes > segmentBytes) {
                throw new IllegalArgumentException("maxBatchBytes must be in [" + BatchFormat.MIN_BATCH_BYTES
                        + ", segmentBytes " + segmentBytes + "]: " + config.maxBatchBytes);
            }
            return config;
        }
    }
}
