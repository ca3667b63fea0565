package io.runnel.broker.partition.ratis;

import io.runnel.broker.partition.CommitPipeline;
import io.runnel.broker.partition.PartitionExecutor;
import io.runnel.broker.partition.PipelineFixture;
import io.runnel.broker.partition.PipelineFixture.Kind;
import io.runnel.broker.partition.RecordingStateMachine;
import io.runnel.broker.partition.RecordingStateMachine.Applied;
import io.runnel.broker.persistence.PartitionRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.runnel.broker.partition.RecordingStateMachine.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the Raft pipeline does: entry indexes in the store, snapshots and log purging, a store rebuilt from the
 * Raft log, several groups on one server, restarts on another port.
 */
class RatisCommitPipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(RatisCommitPipelineTest.class);
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldStampTheRaftIndexIntoEveryStoredRecord() throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(Kind.RATIS, dir)) {
            CommitPipeline pipeline = fixture.open(new RecordingStateMachine());
            List<Long> bases = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                bases.add(pipeline.submit(List.of(record("a" + e), record("b" + e)), true)
                        .get(WAIT_SECONDS, TimeUnit.SECONDS));
            }

            long previous = 0;
            for (long base : bases) {
                long index = PartitionRecords.entryIndex(fixture.log().read(base));
                assertThat(index).isGreaterThan(previous);
                assertThat(PartitionRecords.entryIndex(fixture.log().read(base + 1))).isEqualTo(index);
                previous = index;
            }
        }
    }

    @Test
    @Timeout(90)
    void shouldReplayEverythingOnceAfterRestartingBehindASnapshot() throws Exception {
        RaftHostOptions noStopSnapshot = RaftHostOptions.defaults().withSnapshotOnStop(false);
        try (PipelineFixture fixture = new PipelineFixture(Kind.RATIS, dir, noStopSnapshot)) {
            RatisCommitPipeline pipeline = (RatisCommitPipeline) fixture.open(new RecordingStateMachine());
            submitAll(pipeline, "before", 20);
            long snapshotIndex = pipeline.snapshot().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(snapshotIndex).isPositive();
            // these are in the store and, past the snapshot, still in the Raft log: the restart must skip them
            submitAll(pipeline, "after", 10);
            fixture.closePipeline();

            RecordingStateMachine sm = new RecordingStateMachine();
            CommitPipeline reopened = fixture.open(sm);
            long base = reopened.submit(List.of(record("new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(base).isEqualTo(30);
            assertThat(sm.replayed()).hasSize(30);
            assertThat(sm.texts()).startsWith("before0", "before1").endsWith("after9", "new")
                    .doesNotHaveDuplicates().hasSize(31);
        }
    }

    @Test
    @Timeout(90)
    void shouldPurgeTheRaftLogBehindSnapshotsAndStillReplayEverythingOnce() throws Exception {
        RaftHostOptions options = RaftHostOptions.defaults()
                .withSnapshotThreshold(50)
                .withSnapshotOnStop(false)
                .withRatisProperty("raft.server.log.segment.size.max", "64KB")
                .withRatisProperty("raft.server.log.purge.gap", "1");
        String payload = "x".repeat(1000);
        try (PipelineFixture fixture = new PipelineFixture(Kind.RATIS, dir, options)) {
            CommitPipeline pipeline = fixture.open(new RecordingStateMachine());
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pipeline.submit(List.of(record(i + payload)), true));
            }
            for (CompletableFuture<Long> f : futures) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            var raftLog = fixture.host().division(RaftHost.groupId(PipelineFixture.PARTITION)).getRaftLog();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (raftLog.getStartIndex() <= 1 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20); // polling Ratis's purge, which runs on its own thread
            }
            assertThat(raftLog.getStartIndex()).as("first index still in the Raft log").isGreaterThan(1);
            fixture.closePipeline();

            RecordingStateMachine sm = new RecordingStateMachine();
            CommitPipeline reopened = fixture.open(sm);
            assertThat(reopened.submit(List.of(record("new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(400);
            assertThat(sm.replayed()).hasSize(400);
            assertThat(sm.applied()).hasSize(401);
        }
    }

    @Test
    @Timeout(90)
    void shouldRebuildALostStoreFromTheRaftLog() throws Exception {
        RaftHostOptions noStopSnapshot = RaftHostOptions.defaults().withSnapshotOnStop(false);
        try (PipelineFixture fixture = new PipelineFixture(Kind.RATIS, dir, noStopSnapshot)) {
            RecordingStateMachine first = new RecordingStateMachine();
            submitAll(fixture.open(first), "e", 20);
            List<Applied> committed = first.applied();
            fixture.closePipeline();
            deleteRecursively(fixture.storeDir());

            RecordingStateMachine rebuilt = new RecordingStateMachine();
            CommitPipeline pipeline = fixture.open(rebuilt);
            assertThat(pipeline.submit(List.of(record("new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(20);
            assertThat(rebuilt.replayed()).isEmpty();
            assertThat(rebuilt.applied().subList(0, 20)).extracting(Applied::offset, Applied::text, Applied::entryIndex)
                    .isEqualTo(committed.stream()
                            .map(a -> org.assertj.core.groups.Tuple.tuple(a.offset(), a.text(), a.entryIndex())).toList());
            fixture.closePipeline();

            RecordingStateMachine again = new RecordingStateMachine();
            fixture.open(again);
            assertThat(again.replayed()).hasSize(21);
            assertThat(again.texts()).doesNotHaveDuplicates();
        }
    }

    @Test
    @Timeout(90)
    void shouldRefuseToStartWhenTheStoreLostRecordsTheRaftLogNoLongerHolds() throws Exception {
        Path storeDir = dir.resolve("store");
        try (PartitionExecutor executor = new PartitionExecutor("p0")) {
            RaftHost host = new RaftHost(dir.resolve("ratis"), "broker-1");
            RatisCommitPipeline pipeline = new RatisCommitPipeline(host, "partition-0", storeDir,
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), executor);
            host.start();
            pipeline.start();
            submitAll(pipeline, "e", 5);
            pipeline.snapshot().get(WAIT_SECONDS, TimeUnit.SECONDS);
            pipeline.close();
            host.close();
            deleteRecursively(storeDir);

            RaftHost restarted = new RaftHost(dir.resolve("ratis"), "broker-1");
            try {
                new RatisCommitPipeline(restarted, "partition-0", storeDir, PipelineFixture.LOG_CONFIG,
                        new RecordingStateMachine(), executor);
                assertThatThrownBy(restarted::start).hasStackTraceContaining("the Raft log no longer holds");
            } finally {
                restarted.close();
            }
        }
    }

    @Test
    @Timeout(90)
    void shouldHostSeveralGroupsAndRestartOnAnotherPort() throws Exception {
        Path ratisDir = dir.resolve("ratis");
        int firstPort;
        try (PartitionExecutor p0 = new PartitionExecutor("p0"); PartitionExecutor meta = new PartitionExecutor("meta")) {
            RaftHost host = new RaftHost(ratisDir, "broker-1");
            RatisCommitPipeline partition = new RatisCommitPipeline(host, "partition-0", dir.resolve("p0"),
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), p0);
            host.start();
            // a group registered after the host started is added when its pipeline starts
            RatisCommitPipeline catalogue = new RatisCommitPipeline(host, "meta", dir.resolve("meta"),
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), meta);
            partition.start();
            catalogue.start();
            firstPort = host.address().getPort();
            assertThat(firstPort).isPositive();
            LOG.info("JVM threads with one Raft server hosting 2 groups: {}", Thread.activeCount());
            submitAll(partition, "p", 5);
            submitAll(catalogue, "m", 3);
            catalogue.close();
            partition.close();
            host.close();

            int otherPort = freePortOtherThan(firstPort);
            RaftHost restarted = new RaftHost(ratisDir, "broker-1", RaftHostOptions.defaults().withPort(otherPort));
            RecordingStateMachine partitionState = new RecordingStateMachine();
            RecordingStateMachine catalogueState = new RecordingStateMachine();
            RatisCommitPipeline partition2 = new RatisCommitPipeline(restarted, "partition-0", dir.resolve("p0"),
                    PipelineFixture.LOG_CONFIG, partitionState, p0);
            RatisCommitPipeline catalogue2 = new RatisCommitPipeline(restarted, "meta", dir.resolve("meta"),
                    PipelineFixture.LOG_CONFIG, catalogueState, meta);
            try {
                restarted.start();
                partition2.start();
                catalogue2.start();
                assertThat(restarted.address().getPort()).isEqualTo(otherPort);
                assertThat(partitionState.replayed()).hasSize(5);
                assertThat(catalogueState.replayed()).hasSize(3);
                assertThat(catalogue2.submit(List.of(record("m-new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .isEqualTo(3);
                assertThat(partition2.submit(List.of(record("p-new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .isEqualTo(5);
            } finally {
                catalogue2.close();
                partition2.close();
                restarted.close();
            }
        }
    }

    @Test
    @Timeout(120)
    void shouldKeepTheFilesOfAGroupThatNoPipelineRegistered() throws Exception {
        Path ratisDir = dir.resolve("ratis");
        try (PartitionExecutor p0 = new PartitionExecutor("p0"); PartitionExecutor p1 = new PartitionExecutor("p1")) {
            RaftHost host = new RaftHost(ratisDir, "broker-1");
            RatisCommitPipeline kept = new RatisCommitPipeline(host, "partition-0", dir.resolve("p0"),
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), p0);
            RatisCommitPipeline dropped = new RatisCommitPipeline(host, "partition-1", dir.resolve("p1"),
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), p1);
            host.start();
            kept.start();
            dropped.start();
            submitAll(dropped, "d", 4);
            host.close();

            RaftHost without = new RaftHost(ratisDir, "broker-1");
            RatisCommitPipeline alone = new RatisCommitPipeline(without, "partition-0", dir.resolve("p0"),
                    PipelineFixture.LOG_CONFIG, new RecordingStateMachine(), p0);
            without.start();
            alone.start();
            assertThat(alone.submit(List.of(record("k")), true).get(WAIT_SECONDS, TimeUnit.SECONDS)).isZero();
            without.close();

            RaftHost both = new RaftHost(ratisDir, "broker-1");
            RecordingStateMachine droppedState = new RecordingStateMachine();
            new RatisCommitPipeline(both, "partition-0", dir.resolve("p0"), PipelineFixture.LOG_CONFIG,
                    new RecordingStateMachine(), p0);
            RatisCommitPipeline back = new RatisCommitPipeline(both, "partition-1", dir.resolve("p1"),
                    PipelineFixture.LOG_CONFIG, droppedState, p1);
            try {
                both.start();
                back.start();
                assertThat(droppedState.replayed()).hasSize(4);
                assertThat(back.submit(List.of(record("d-new")), true).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(4);
            } finally {
                both.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldRejectAnEntryLargerThanTheStoreAccepts() throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(Kind.RATIS, dir)) {
            CommitPipeline pipeline = fixture.open(new RecordingStateMachine());
            ByteBuffer huge = ByteBuffer.allocate(PipelineFixture.LOG_CONFIG.maxBatchBytes());

            CompletableFuture<Long> refused = pipeline.submit(List.of(huge), true);

            assertThatThrownBy(() -> refused.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(pipeline.submit(List.of(record("fine")), true).get(WAIT_SECONDS, TimeUnit.SECONDS)).isZero();
        }
    }

    private static void submitAll(CommitPipeline pipeline, String prefix, int entries) throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            futures.add(pipeline.submit(List.of(record(prefix + i)), true));
        }
        for (CompletableFuture<Long> f : futures) {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static int freePortOtherThan(int port) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (socket.getLocalPort() != port) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
