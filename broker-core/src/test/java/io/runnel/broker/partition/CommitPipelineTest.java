package io.runnel.broker.partition;

import io.runnel.broker.partition.PipelineFixture.Kind;
import io.runnel.broker.partition.RecordingStateMachine.Applied;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.runnel.broker.partition.RecordingStateMachine.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link CommitPipeline} contract, run against both implementations: the single-broker
 * {@link LocalCommitPipeline} and the Raft {@code RatisCommitPipeline} (a one-member group).
 */
class CommitPipelineTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    static Stream<Named<Kind>> pipelines() {
        return Stream.of(Named.of("local", Kind.LOCAL), Named.of("ratis", Kind.RATIS));
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    @Timeout(60)
    void shouldApplyEntriesInSubmitOrderWithConsecutiveOffsets(Kind kind) throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(kind, dir)) {
            RecordingStateMachine sm = new RecordingStateMachine();
            CommitPipeline pipeline = fixture.open(sm);

            List<CompletableFuture<Long>> futures = new ArrayList<>();
            List<Long> expectedBases = new ArrayList<>();
            List<String> expectedTexts = new ArrayList<>();
            long next = 0;
            for (int e = 0; e < 60; e++) {
                List<ByteBuffer> records = new ArrayList<>();
                for (int r = 0; r <= e % 3; r++) {
                    records.add(record("e" + e + "r" + r));
                    expectedTexts.add("e" + e + "r" + r);
                }
                expectedBases.add(next);
                next += records.size();
                futures.add(pipeline.submit(records, e % 2 == 0));
            }

            List<Long> bases = new ArrayList<>();
            for (CompletableFuture<Long> f : futures) {
                bases.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            assertThat(bases).isEqualTo(expectedBases);
            assertThat(sm.texts()).isEqualTo(expectedTexts);
            assertThat(sm.offsets()).isEqualTo(LongStream.range(0, next).boxed().toList());
            assertThat(sm.applied()).noneMatch(Applied::replay);
            assertThat(RecordingStateMachine.text(fixture.log().read(next - 1))).isEqualTo(expectedTexts.get((int) next - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    @Timeout(60)
    void shouldCompleteFuturesOnThePartitionThread(Kind kind) throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(kind, dir)) {
            CommitPipeline pipeline = fixture.open(new RecordingStateMachine());
            PartitionExecutor executor = fixture.executor();
            CountDownLatch release = new CountDownLatch(1);
            // hold the partition thread so the entry cannot complete before the callback is attached
            executor.execute(() -> awaitQuietly(release));

            CompletableFuture<Boolean> onPartitionThread = pipeline.submit(List.of(record("x")), true)
                    .thenApply(offset -> executor.inPartitionThread());
            release.countDown();

            assertThat(onPartitionThread.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    @Timeout(90)
    void shouldApplyEveryEntryExactlyOnceWithConcurrentSubmitters(Kind kind) throws Exception {
        int threads = 8;
        int perThread = 150;
        ExecutorService submitters = Executors.newFixedThreadPool(threads);
        try (PipelineFixture fixture = new PipelineFixture(kind, dir)) {
            RecordingStateMachine sm = new RecordingStateMachine();
            CommitPipeline pipeline = fixture.open(sm);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Long>>>> perSubmitter = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                perSubmitter.add(submitters.submit(() -> {
                    go.await();
                    List<CompletableFuture<Long>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(pipeline.submit(List.of(record("t" + id + "-" + i)), true));
                    }
                    return mine;
                }));
            }
            go.countDown();

            Set<Long> offsets = new HashSet<>();
            for (Future<List<CompletableFuture<Long>>> submitter : perSubmitter) {
                long previous = -1;
                for (CompletableFuture<Long> f : submitter.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    long offset = f.get(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertThat(offset).as("one submitter's entries keep their order").isGreaterThan(previous);
                    previous = offset;
                    offsets.add(offset);
                }
            }
            int total = threads * perThread;
            assertThat(offsets).hasSize(total).allMatch(o -> o >= 0 && o < total);
            assertThat(sm.applied()).hasSize(total);
            assertThat(new HashSet<>(sm.texts())).hasSize(total);
            for (Applied a : sm.applied()) {
                assertThat(a.text()).matches("t\\d-\\d+");
            }
        } finally {
            submitters.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    @Timeout(90)
    void shouldReplayExactlyTheCommittedRecordsAfterReopening(Kind kind) throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(kind, dir)) {
            RecordingStateMachine first = new RecordingStateMachine();
            CommitPipeline pipeline = fixture.open(first);
            assertThat(first.recoveredCalls()).isOne();
            assertThat(first.appliedWhenRecovered()).isZero();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int e = 0; e < 40; e++) {
                futures.add(e % 4 == 0
                        ? pipeline.submit(List.of(record("a" + e), record("b" + e)), true)
                        : pipeline.submit(List.of(record("a" + e)), true));
            }
            for (CompletableFuture<Long> f : futures) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            List<Applied> committed = first.applied();
            fixture.closePipeline();

            RecordingStateMachine second = new RecordingStateMachine();
            pipeline = fixture.open(second);
            assertThat(second.recoveredCalls()).isOne();
            assertThat(second.appliedWhenRecovered()).isEqualTo(committed.size());
            assertThat(second.replayed()).extracting(Applied::offset, Applied::text)
                    .isEqualTo(committed.stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.offset(), a.text())).toList());

            long base = pipeline.submit(List.of(record("after")), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(base).isEqualTo(committed.size());
            assertThat(second.applied()).hasSize(committed.size() + 1);
            assertThat(second.applied().get(committed.size())).extracting(Applied::offset, Applied::text, Applied::replay)
                    .containsExactly((long) committed.size(), "after", false);
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    @Timeout(60)
    void shouldRefuseEntriesOnceClosed(Kind kind) throws Exception {
        try (PipelineFixture fixture = new PipelineFixture(kind, dir)) {
            CommitPipeline pipeline = fixture.open(new RecordingStateMachine());
            pipeline.submit(List.of(record("before")), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            pipeline.close();

            CompletableFuture<Long> refused = pipeline.submit(List.of(record("after")), true);

            assertThatThrownBy(() -> refused.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PipelineClosedException.class);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
