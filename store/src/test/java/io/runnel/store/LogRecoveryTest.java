package io.runnel.store;

import static io.runnel.store.LogTest.assertEveryRecordReadable;
import static io.runnel.store.LogTest.assertScanSeesEveryRecord;
import static io.runnel.store.TestLogs.SMALL;
import static io.runnel.store.TestLogs.appendRecords;
import static io.runnel.store.TestLogs.batch;
import static io.runnel.store.TestLogs.batchesIn;
import static io.runnel.store.TestLogs.copyDirectory;
import static io.runnel.store.TestLogs.flipByte;
import static io.runnel.store.TestLogs.indexFiles;
import static io.runnel.store.TestLogs.logFiles;
import static io.runnel.store.TestLogs.record;
import static io.runnel.store.TestLogs.text;
import static io.runnel.store.TestLogs.truncate;
import static io.runnel.store.TestLogs.zero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.runnel.store.TestLogs.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEverythingAfterAnUncleanStop() throws IOException {
        Path crashed = dir.resolve("crashed");
        Log running = Log.open(dir.resolve("log"), SMALL);
        try {
            appendRecords(running, 400);
            running.flush();
            appendRecords(running, 50); // not flushed: still in the page cache, which survives a process crash

            copyDirectory(dir.resolve("log"), crashed); // the files as a killed process leaves them
        } finally {
            running.close();
        }
        assertThat(crashed.resolve("clean-shutdown")).doesNotExist();

        try (Log log = Log.open(crashed, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(450);
            assertEveryRecordReadable(log, 0, 450);
            assertThat(log.append(record(450))).isEqualTo(450);
        }
    }

    @Test
    void shouldTruncateABatchCutInHalfAndContinueAtTheRightOffset() throws IOException {
        writeBatchesAndClose(10);
        Path last = lastLogFile();
        Batch torn = lastBatch(last);
        truncate(last, torn.position() + torn.length() / 2);

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(torn.baseOffset());
            assertEveryRecordReadable(log, 0, torn.baseOffset());
            assertThat(log.read(torn.baseOffset())).isNull();

            assertThat(log.append(record(torn.baseOffset()))).isEqualTo(torn.baseOffset());
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(torn.baseOffset() + 1);
            assertEveryRecordReadable(log, 0, torn.baseOffset() + 1);
        }
    }

    @Test
    void shouldTruncateABatchWhoseTailIsZero() throws IOException {
        writeBatchesAndClose(10);
        Path last = lastLogFile();
        Batch torn = lastBatch(last);
        zero(last, torn.position() + torn.length() / 2, Files.size(last));

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(torn.baseOffset());
            assertEveryRecordReadable(log, 0, torn.baseOffset());

            assertThat(log.append(batch(torn.baseOffset(), 3))).isEqualTo(torn.baseOffset());
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(torn.baseOffset() + 3);
            assertEveryRecordReadable(log, 0, torn.baseOffset() + 3);
        }
    }

    @Test
    void shouldDropTheLastBatchWhenOneOfItsBytesIsCorrupt() throws IOException {
        writeBatchesAndClose(10);
        Path last = lastLogFile();
        Batch corrupt = lastBatch(last);
        flipByte(last, corrupt.position() + corrupt.length() / 2);

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(corrupt.baseOffset());
            assertEveryRecordReadable(log, 0, corrupt.baseOffset());
            assertScanSeesEveryRecord(log, 0, corrupt.baseOffset());
        }
    }

    @Test
    void shouldDropACorruptBatchAndEverythingAfterIt() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 150);
            while (batchesIn(lastLogFile()).size() < 4) {
                log.append(record(log.nextOffset()));
            }
        }
        Path last = lastLogFile();
        List<Batch> batches = batchesIn(last);
        assertThat(batches).hasSizeGreaterThan(2);
        Batch corrupt = batches.get(1);
        flipByte(last, corrupt.position() + corrupt.length() / 2);

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(corrupt.baseOffset());
            assertEveryRecordReadable(log, 0, corrupt.baseOffset());
        }
        byte[] bytes = Files.readAllBytes(last);
        for (int i = corrupt.position(); i < bytes.length; i++) {
            assertThat(bytes[i]).as("byte %d after the recovered end", i).isZero();
        }
    }

    @Test
    void shouldNotBringBackABatchWrittenAfterOneThatWasLost() throws IOException {
        // A crash may keep a later page of the file and lose an earlier one: batch k is gone, batch k+1 is intact.
        try (Log log = Log.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) {
                log.append(ByteBuffer.wrap(("same-size-" + i).getBytes()));
            }
        }
        Path file = lastLogFile();
        Batch lost = batchesIn(file).get(1);
        zero(file, lost.position(), lost.end());

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(1);
            log.append(ByteBuffer.wrap("same-size-X".getBytes())); // the same length as the lost batch
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(2);
            assertThat(text(log.read(1))).isEqualTo("same-size-X");
        }
    }

    @Test
    void shouldRebuildIndexesAfterTheirFilesAreDeleted() throws IOException {
        writeBatchesAndClose(20);
        Map<Path, byte[]> written = new HashMap<>();
        for (Path index : indexFiles(dir)) {
            written.put(index, Files.readAllBytes(index));
            Files.delete(index);
        }
        List<Path> indexes = new ArrayList<>(written.keySet());

        try (Log log = Log.open(dir, SMALL)) {
            assertEveryRecordReadable(log, 0, log.nextOffset());
            assertScanSeesEveryRecord(log, 0, log.nextOffset());
        }
        assertThat(indexFiles(dir)).containsExactlyInAnyOrderElementsOf(indexes);
        for (Path index : indexes) {
            assertThat(Files.readAllBytes(index)).as("%s", index).isEqualTo(written.get(index));
        }
        assertThat(written.values()).anyMatch(bytes -> ByteBuffer.wrap(bytes).getInt(4) != 0); // entries exist
    }

    @Test
    void shouldRebuildAnIndexThatDoesNotMatchItsSegment() throws IOException {
        writeBatchesAndClose(20);
        Path index = indexFiles(dir).get(0);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(index));
        assertThat(bytes.getInt(4)).isPositive();
        bytes.putInt(4, bytes.getInt(4) + 3); // the first entry now points into the middle of a batch
        bytes.putInt(12, 0);                  // and is the only one
        Files.write(index, bytes.array());

        try (Log log = Log.open(dir, SMALL)) {
            assertEveryRecordReadable(log, 0, log.nextOffset());
        }
    }

    @Test
    void shouldRefuseToOpenALogWithASegmentMissingInTheMiddle() throws IOException {
        writeBatchesAndClose(20);
        List<Path> segments = logFiles(dir);
        assertThat(segments).hasSizeGreaterThan(3);
        Files.delete(segments.get(2));

        assertThatThrownBy(() -> Log.open(dir, SMALL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(segments.get(1).toString())
                .hasMessageContaining("records are missing or corrupt");
    }

    @Test
    void shouldRefuseToOpenALogWhoseSealedSegmentEndsInACorruptBatch() throws IOException {
        writeBatchesAndClose(20);
        Path sealed = logFiles(dir).get(1);
        Batch batch = lastBatch(sealed);
        flipByte(sealed, batch.position() + batch.length() - 1);

        assertThatThrownBy(() -> Log.open(dir, SMALL))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("CRC32C");
    }

    @Test
    void shouldReportACorruptBatchInsideASealedSegmentWhenScanningIt() throws IOException {
        writeBatchesAndClose(20);
        Path sealed = logFiles(dir).get(0);
        Batch batch = batchesIn(sealed).get(0); // before the last index entry: not checked at open
        flipByte(sealed, batch.end() - 1);

        try (Log log = Log.open(dir, SMALL)) {
            assertThatThrownBy(() -> log.scan(0, (offset, record) -> { }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("CRC mismatch");
            assertThat(text(log.read(batch.baseOffset() + batch.records()))).isEqualTo(
                    text(batch.baseOffset() + batch.records()));
        }
    }

    @Test
    void shouldDeleteAnIndexFileThatHasNoSegment() throws IOException {
        writeBatchesAndClose(2);
        Path orphan = dir.resolve("00000000000000099999.idx");
        Files.write(orphan, new byte[16]);

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(orphan).doesNotExist();
            assertEveryRecordReadable(log, 0, log.nextOffset());
        }
    }

    @Test
    void shouldRecoverATornBatchWithoutPreallocation() throws IOException {
        LogConfig config = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).preallocate(false).build();
        try (Log log = Log.open(dir, config)) {
            appendRecords(log, 100);
        }
        Path last = lastLogFile();
        Batch torn = lastBatch(last);
        truncate(last, torn.position() + 3); // not even a whole header

        try (Log log = Log.open(dir, config)) {
            assertThat(log.nextOffset()).isEqualTo(torn.baseOffset());
            assertThat(Files.size(last)).isEqualTo(torn.position());
            assertThat(log.append(record(torn.baseOffset()))).isEqualTo(torn.baseOffset());
            assertEveryRecordReadable(log, 0, torn.baseOffset() + 1);
        }
    }

    @Test
    void shouldEmptyALastSegmentWhoseFirstBatchIsCorrupt() throws IOException {
        writeBatchesAndClose(20);
        Path last = lastLogFile();
        Batch first = batchesIn(last).get(0);
        flipByte(last, first.position() + 10); // inside its base offset

        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(first.baseOffset());
            assertThat(log.append(record(first.baseOffset()))).isEqualTo(first.baseOffset());
            assertEveryRecordReadable(log, 0, first.baseOffset() + 1);
        }
    }

    private void writeBatchesAndClose(int rounds) throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, rounds * 15);
        }
    }

    private Path lastLogFile() throws IOException {
        List<Path> files = logFiles(dir);
        return files.get(files.size() - 1);
    }

    private static Batch lastBatch(Path file) throws IOException {
        List<Batch> batches = batchesIn(file);
        assertThat(batches).isNotEmpty();
        return batches.get(batches.size() - 1);
    }
}
