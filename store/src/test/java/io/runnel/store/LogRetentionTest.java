package io.runnel.store;

import static io.runnel.store.LogTest.assertEveryRecordReadable;
import static io.runnel.store.LogTest.assertScanSeesEveryRecord;
import static io.runnel.store.TestLogs.SMALL;
import static io.runnel.store.TestLogs.appendRecords;
import static io.runnel.store.TestLogs.indexFiles;
import static io.runnel.store.TestLogs.logFiles;
import static io.runnel.store.TestLogs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

    @TempDir
    Path dir;

    @Test
    void shouldDeleteWholeSegmentsBelowAnOffset() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 600);
            int before = log.segmentCount();

            long start = log.deleteSegmentsBelow(300);

            assertThat(start).isEqualTo(log.startOffset()).isPositive().isLessThanOrEqualTo(300);
            assertThat(log.segmentCount()).isLessThan(before);
            assertThat(logFiles(dir)).hasSize(log.segmentCount());
            assertThat(indexFiles(dir)).hasSize(log.segmentCount());
            assertThat(logFiles(dir).get(0).getFileName().toString())
                    .isEqualTo(String.format("%020d.log", start));
            assertThat(log.read(start - 1)).isNull();
            assertThat(log.read(0)).isNull();
            assertEveryRecordReadable(log, start, 600);
            assertScanSeesEveryRecord(log, start, 600);
            List<Long> fromZero = new ArrayList<>();
            log.scan(0, (offset, record) -> fromZero.add(offset));
            assertThat(fromZero).hasSize((int) (600 - start)).first().isEqualTo(start);
        }
    }

    @Test
    void shouldNeverDeleteTheActiveSegment() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 600);
            List<Path> files = logFiles(dir);
            Path active = files.get(files.size() - 1);

            long start = log.deleteSegmentsBelow(Long.MAX_VALUE);

            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(logFiles(dir)).containsExactly(active);
            assertThat(log.read(start - 1)).isNull();
            assertEveryRecordReadable(log, start, 600);

            assertThat(log.append(record(600))).isEqualTo(600);
            assertEveryRecordReadable(log, start, 601);
        }
    }

    @Test
    void shouldKeepEverythingWhenNoSegmentIsWhollyBelowTheOffset() throws IOException {
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 600);
            int segments = log.segmentCount();

            assertThat(log.deleteSegmentsBelow(0)).isZero();
            assertThat(log.deleteSegmentsBelow(1)).isZero();

            assertThat(log.segmentCount()).isEqualTo(segments);
            assertEveryRecordReadable(log, 0, 600);
        }
    }

    @Test
    void shouldKeepTheStartOffsetAfterReopen() throws IOException {
        long start;
        try (Log log = Log.open(dir, SMALL)) {
            appendRecords(log, 600);
            start = log.deleteSegmentsBelow(450);
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.startOffset()).isEqualTo(start);
            assertThat(log.nextOffset()).isEqualTo(600);
            assertThat(log.read(start - 1)).isNull();
            assertEveryRecordReadable(log, start, 600);
        }
    }
}
