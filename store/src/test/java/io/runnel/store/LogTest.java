package io.runnel.store;

import static io.runnel.store.TestLogs.SMALL;
import static io.runnel.store.TestLogs.appendRecords;
import static io.runnel.store.TestLogs.batch;
import static io.runnel.store.TestLogs.logFiles;
import static io.runnel.store.TestLogs.record;
import static io.runnel.store.TestLogs.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveConsecutiveOffsetsToRecordsAndBatches() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isZero();
            assertThat(log.startOffset()).isZero();

            assertThat(log.append(record(0))).isEqualTo(0);
            assertThat(log.append(batch(1, 3))).isEqualTo(1);
            assertThat(log.append(record(4))).isEqualTo(4);

            assertThat(log.nextOffset()).isEqualTo(5);
            for (long offset = 0; offset < 5; offset++) {
                assertThat(text(log.read(offset))).isEqualTo(text(offset));
            }
        }
    }

    @Test
    void shouldRoundTripManyRecordsAndBatchesAcrossSeveralSegments() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            long next = appendRecords(log, 2_000);

            assertThat(log.nextOffset()).isEqualTo(2_000).isEqualTo(next);
            assertThat(log.segmentCount()).isGreaterThan(10);
            assertThat(logFiles(dir)).hasSize(log.segmentCount());
            assertEveryRecordReadable(log, 0, 2_000);
            assertScanSeesEveryRecord(log, 0, 2_000);
            assertThat(log.read(2_000)).isNull();
            assertThat(log.read(-1)).isNull();
        }
    }

    @Test
    void shouldReadEveryOffsetAfterReopen() throws IOException {
        int segments;
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 700);
            segments = log.segmentCount();
        }
        assertThat(dir.resolve("clean-shutdown")).exists();

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(dir.resolve("clean-shutdown")).doesNotExist();
            assertThat(log.nextOffset()).isEqualTo(700);
            assertThat(log.segmentCount()).isEqualTo(segments);
            assertEveryRecordReadable(log, 0, 700);
            assertScanSeesEveryRecord(log, 0, 700);

            assertThat(log.append(record(700))).isEqualTo(700);
            appendRecords(log, 99);
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(800);
            assertEveryRecordReadable(log, 0, 800);
        }
    }

    @Test
    void shouldOpenAnEmptyLogInAMissingDirectory() throws IOException {
        Path missing = dir.resolve("a/b");
        try (Log log = Log.open(missing, SMALL)) {
            assertThat(log.nextOffset()).isZero();
            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(log.read(0)).isNull();
        }
        assertThat(missing.resolve("00000000000000000000.log")).exists();
        assertThat(missing.resolve("00000000000000000000.idx")).exists();
    }

    @Test
    void shouldLeaveTheRecordsPositionAndLimitAsTheyWere() throws IOException {
        ByteBuffer heap = ByteBuffer.wrap("..hello..".getBytes(UTF_8)).position(2).limit(7);
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put("--world".getBytes(UTF_8)).flip().position(2);
        try (Log log = Log.open(dir, SMALL)) {
            log.append(heap);
            log.append(List.of(heap, direct));

            assertThat(heap.position()).isEqualTo(2);
            assertThat(heap.limit()).isEqualTo(7);
            assertThat(direct.position()).isEqualTo(2);
            assertThat(direct.limit()).isEqualTo(7);
            assertThat(text(log.read(0))).isEqualTo("hello");
            assertThat(text(log.read(1))).isEqualTo("hello");
            assertThat(text(log.read(2))).isEqualTo("world");
        }
    }

    @Test
    void shouldReturnAnExactHeapCopyFromRead() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            log.append(record(0));
            ByteBuffer read = log.read(0);

            assertThat(read.hasArray()).isTrue();
            assertThat(read.position()).isZero();
            assertThat(read.limit()).isEqualTo(read.array().length).isEqualTo(text(0).length());
        }
    }

    @Test
    void shouldStoreTheSameBufferTwiceInOneBatch() throws IOException {
        ByteBuffer same = ByteBuffer.wrap("twice".getBytes(UTF_8));
        ByteBuffer empty = ByteBuffer.allocate(0);
        try (Log log = Log.open(dir, SMALL)) {
            log.append(List.of(same, empty, same, empty, same));
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(text(log.read(0))).isEqualTo("twice");
            assertThat(log.read(1).remaining()).isZero();
            assertThat(text(log.read(2))).isEqualTo("twice");
            assertThat(log.read(3).remaining()).isZero();
            assertThat(text(log.read(4))).isEqualTo("twice");
        }
    }

    @Test
    void shouldAcceptAnyListImplementation() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            log.append(new LinkedList<>(batch(0, 4)));

            assertEveryRecordReadable(log, 0, 4);
        }
    }

    @Test
    void shouldRefuseAnAppendLargerThanMaxBatchBytes() throws IOException {
        LogConfig config = LogConfig.builder().segmentBytes(1024).maxBatchBytes(200).build();
        try (Log log = Log.open(dir, config)) {
            // a one-record batch is 24 bytes of header and length table, plus the record
            assertThatThrownBy(() -> log.append(ByteBuffer.allocate(177)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchBytes 200");
            assertThatThrownBy(() -> log.append(List.of(ByteBuffer.allocate(100), ByteBuffer.allocate(73))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.nextOffset()).isZero();

            assertThat(log.append(ByteBuffer.allocate(176))).isZero();
            assertThat(log.append(List.of(ByteBuffer.allocate(100), ByteBuffer.allocate(72)))).isEqualTo(1);
            assertThat(log.read(0).remaining()).isEqualTo(176);
            assertThat(log.read(2).remaining()).isEqualTo(72);
        }
    }

    @Test
    void shouldRefuseAnEmptyBatch() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            assertThatThrownBy(() -> log.append(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThat(log.nextOffset()).isZero();
        }
    }

    @Test
    void shouldRollToANewSegmentWhenABatchDoesNotFit() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) {
                log.append(ByteBuffer.allocate(300)); // 324-byte batches: three fit in 1024 bytes
            }
            assertThat(log.segmentCount()).isEqualTo(1);

            log.append(ByteBuffer.allocate(300));

            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(logFiles(dir)).extracting(p -> p.getFileName().toString())
                    .containsExactly("00000000000000000000.log", "00000000000000000003.log");
        }
    }

    @Test
    void shouldPreallocateSegmentFiles() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            log.append(record(0));

            assertThat(Files.size(dir.resolve("00000000000000000000.log"))).isEqualTo(1024);
        }
    }

    @Test
    void shouldGrowSegmentFilesWithoutPreallocation() throws IOException {
        LogConfig config = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).preallocate(false).build();
        try (Log log = Log.open(dir, config)) {
            log.append(ByteBuffer.allocate(10));
            log.append(ByteBuffer.allocate(20));

            assertThat(Files.size(dir.resolve("00000000000000000000.log"))).isEqualTo(34 + 44);
            appendRecords(log, 300);
        }
        try (Log log = Log.open(dir, config)) {
            assertThat(log.nextOffset()).isEqualTo(302);
            assertEveryRecordReadable(log, 2, 302);
        }
    }

    @Test
    void shouldScanFromTheMiddle() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 500);

            assertScanSeesEveryRecord(log, 321, 500);
            assertScanSeesEveryRecord(log, 499, 500);
            assertScanSeesEveryRecord(log, 500, 500);
            assertScanSeesEveryRecord(log, 10_000, 10_000);
        }
    }

    @Test
    void shouldScanOnlyUpToTheNextOffsetSeenWhenTheScanStarts() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 50);
            List<Long> visited = new ArrayList<>();

            log.scan(0, (offset, record) -> {
                visited.add(offset);
                log.append(record(log.nextOffset()));
            });

            assertThat(visited).hasSize(50);
            assertThat(log.nextOffset()).isEqualTo(100);
        }
    }

    @Test
    void shouldHandRecordsToTheVisitorThatItMayKeep() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 300);
            List<ByteBuffer> kept = new ArrayList<>();

            log.scan(0, (offset, record) -> kept.add(record));

            assertThat(kept).hasSize(300);
            for (int i = 0; i < kept.size(); i++) {
                assertThat(text(kept.get(i))).isEqualTo(text(i));
            }
        }
    }

    @Test
    void shouldStopTheScanWhenTheVisitorThrows() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 20);
            List<Long> visited = new ArrayList<>();

            assertThatThrownBy(() -> log.scan(0, (offset, record) -> {
                visited.add(offset);
                if (offset == 7) {
                    throw new IOException("stop");
                }
            })).hasMessage("stop");
            assertThat(visited).hasSize(8);
        }
    }

    @Test
    void shouldCarryRecordsLargerThanTheReadBuffersAndBatchesWithManyRecords() throws IOException {
        LogConfig config = LogConfig.builder().segmentBytes(512 * 1024).build();
        byte[] big = new byte[150_000];
        Arrays.fill(big, (byte) 7);
        big[big.length - 1] = 9;
        try (Log log = Log.open(dir, config)) {
            log.append(ByteBuffer.wrap(big));
            log.append(batch(1, 5_000)); // a length table of 20,000 bytes
            log.append(List.of(ByteBuffer.wrap(big), record(5_002)));
        }
        try (Log log = Log.open(dir, config)) {
            assertThat(log.read(0).array()).isEqualTo(big);
            assertEveryRecordReadable(log, 1, 5_001);
            assertThat(log.read(5_001).array()).isEqualTo(big);
            assertThat(text(log.read(5_002))).isEqualTo(text(5_002));

            List<Integer> sizes = new ArrayList<>();
            log.scan(0, (offset, record) -> sizes.add(record.remaining()));
            assertThat(sizes).hasSize(5_003);
            assertThat(sizes.get(0)).isEqualTo(150_000);
            assertThat(sizes.get(5_001)).isEqualTo(150_000);
        }
    }

    @Test
    void shouldRefuseUseAfterClose() throws IOException {
        Log log = Log.open(dir, SMALL);
        log.append(record(0));
        log.close();
        log.close();

        assertThatThrownBy(() -> log.append(record(1))).isInstanceOf(StoreException.class);
        assertThatThrownBy(log::flush).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> log.read(0)).isInstanceOf(StoreException.class);
    }

    @Test
    void shouldFlushWhatWasAppended() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 100);
            log.flush();
            log.flush();
            appendRecords(log, 1);
            log.flush();

            assertThat(log.nextOffset()).isEqualTo(101);
        }
    }

    static void assertEveryRecordReadable(Log log, long from, long to) throws IOException {
        for (long offset = from; offset < to; offset++) {
            ByteBuffer record = log.read(offset);
            assertThat(record).as("offset %d", offset).isNotNull();
            assertThat(text(record)).as("offset %d", offset).isEqualTo(text(offset));
        }
    }

    static void assertScanSeesEveryRecord(Log log, long from, long to) throws IOException {
        List<Long> offsets = new ArrayList<>();
        log.scan(from, (offset, record) -> {
            assertThat(text(record)).isEqualTo(text(offset));
            offsets.add(offset);
        });
        assertThat(offsets).hasSize((int) (to - from));
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(from + i);
        }
    }
}
