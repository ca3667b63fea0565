package io.runnel.broker.partition.ratis;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of a {@link RaftHost}: where it listens, how patient its elections are, when it snapshots and how
 * large one entry may be. Immutable; the {@code with*} methods return changed copies.
 *
 * @param port                    gRPC port bound on 127.0.0.1; 0 picks a free one at every start
 * @param electionTimeoutMin      shortest wait for a leader's heartbeat before a follower starts an election
 * @param electionTimeoutMax      longest such wait (the actual one is random between the two)
 * @param firstElectionTimeoutMin shortest wait before the first election after start-up
 * @param firstElectionTimeoutMax longest wait before the first election after start-up
 * @param snapshotThreshold       applied entries after which Ratis takes a snapshot (flushes the store) and purges its
 *                                log behind it
 * @param snapshotOnStop          take a snapshot when a group stops, so the next start replays nothing from the Raft log
 * @param maxEntryBytes           largest Raft entry accepted; also sizes each group's Raft log write buffer (direct
 *                                memory, one per group)
 * @param startTimeout            how long {@code RatisCommitPipeline.start()} waits for its group to be ready
 * @param ratisProperties         raw Ratis properties applied last, for tuning and tests (e.g.
 *                                {@code raft.server.log.segment.size.max})
 */
public record RaftHostOptions(int port,
                              Duration electionTimeoutMin,
                              Duration electionTimeoutMax,
                              Duration firstElectionTimeoutMin,
                              Duration firstElectionTimeoutMax,
                              long snapshotThreshold,
                              boolean snapshotOnStop,
                              int maxEntryBytes,
                              Duration startTimeout,
                              Map<String, String> ratisProperties) {

    /**
     * Entries up to the store's default largest batch (16 MiB + 64 KiB) plus the entry and Raft framing. A message
     * is at most one 16 MiB frame, so one message always fits in one entry.
     */
    public static final int DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024 + 128 * 1024;

    public RaftHostOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        Objects.requireNonNull(electionTimeoutMin, "electionTimeoutMin");
        Objects.requireNonNull(electionTimeoutMax, "electionTimeoutMax");
        Objects.requireNonNull(firstElectionTimeoutMin, "firstElectionTimeoutMin");
        Objects.requireNonNull(firstElectionTimeoutMax, "firstElectionTimeoutMax");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (electionTimeoutMax.compareTo(electionTimeoutMin) < 0
                || firstElectionTimeoutMax.compareTo(firstElectionTimeoutMin) < 0) {
            throw new IllegalArgumentException("an election timeout maximum is below its minimum");
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold " + snapshotThreshold);
        }
        if (maxEntryBytes < 1024) {
            throw new IllegalArgumentException("maxEntryBytes " + maxEntryBytes);
        }
        ratisProperties = Map.copyOf(ratisProperties);
    }

    /**
     * The defaults for a busy machine: elections after 1-2 s without a heartbeat (Ratis's 150-300 ms defaults cause
     * spurious elections on a loaded 2-core machine), but a quick first election after start-up (with pre-vote, which
     * Ratis enables by default, an early candidate cannot depose a live leader); a snapshot every 20,000 entries, which
     * bounds each group's Raft log to about 20 MB of 1 KiB entries plus one segment.
     */
    public static RaftHostOptions defaults() {
        return new RaftHostOptions(0, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofMillis(500), 20_000, true, DEFAULT_MAX_ENTRY_BYTES,
                Duration.ofSeconds(30), Map.of());
    }

    public RaftHostOptions withPort(int newPort) {
        return new RaftHostOptions(newPort, electionTimeoutMin, electionTimeoutMax, firstElectionTimeoutMin,
                firstElectionTimeoutMax, snapshotThreshold, snapshotOnStop, maxEntryBytes, startTimeout,
                ratisProperties);
    }

    public RaftHostOptions withSnapshotThreshold(long entries) {
        return new RaftHostOptions(port, electionTimeoutMin, electionTimeoutMax, firstElectionTimeoutMin,
                firstElectionTimeoutMax, entries, snapshotOnStop, maxEntryBytes, startTimeout, ratisProperties);
    }

    public RaftHostOptions withSnapshotOnStop(boolean enabled) {
        return new RaftHostOptions(port, electionTimeoutMin, electionTimeoutMax, firstElectionTimeoutMin,
                firstElectionTimeoutMax, snapshotThreshold, enabled, maxEntryBytes, startTimeout, ratisProperties);
    }

    public RaftHostOptions withMaxEntryBytes(int bytes) {
        return new RaftHostOptions(port, electionTimeoutMin, electionTimeoutMax, firstElectionTimeoutMin,
                firstElectionTimeoutMax, snapshotThreshold, snapshotOnStop, bytes, startTimeout, ratisProperties);
    }

    /** Adds (or replaces) one raw Ratis property, applied after every other setting. */
    public RaftHostOptions withRatisProperty(String key, String value) {
        Map<String, String> properties = new TreeMap<>(ratisProperties);
        properties.put(key, value);
        return new RaftHostOptions(port, electionTimeoutMin, electionTimeoutMax, firstElectionTimeoutMin,
                firstElectionTimeoutMax, snapshotThreshold, snapshotOnStop, maxEntryBytes, startTimeout, properties);
    }
}
