package io.runnel.store;

import static io.runnel.store.LogTest.assertEveryRecordReadable;
import static io.runnel.store.TestLogs.SMALL;
import static io.runnel.store.TestLogs.appendRecords;
import static io.runnel.store.TestLogs.batch;
import static io.runnel.store.TestLogs.record;
import static io.runnel.store.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import io.runnel.store.internal.io.FaultyFileIoFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFaultTest {

    @TempDir
    Path dir;

    private final FaultyFileIoFactory files = new FaultyFileIoFactory();

    @Test
    void shouldAppendNothingWhenAWriteFailsHalfway() throws IOException {
        try (Log log = Log.open(dir, SMALL, files)) {
            appendRecords(log, 10);
            ByteBuffer big = ByteBuffer.wrap(new byte[300]);
            Arrays.fill(big.array(), (byte) 0x7f);
            files.failNextWriteAfter(150);

            assertThatThrownBy(() -> log.append(big)).isInstanceOf(IOException.class).hasMessageContaining("injected");

            assertThat(big.position()).isZero();
            assertThat(big.limit()).isEqualTo(300);
            assertThat(log.nextOffset()).isEqualTo(10);
            assertThat(log.read(10)).isNull();
            assertThat(log.append(record(10))).isEqualTo(10); // shorter: half-written bytes remain after it
            assertEveryRecordReadable(log, 0, 11);
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(11);
            assertEveryRecordReadable(log, 0, 11);
        }
    }

    @Test
    void shouldRefuseWritesAfterAFailedFsync() throws IOException {
        try (Log log = Log.open(dir, SMALL, files)) {
            appendRecords(log, 10);
            files.failNextForce();

            assertThatThrownBy(log::flush).isInstanceOf(IOException.class).hasMessageContaining("injected");

            assertThatThrownBy(() -> log.append(record(10))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("failed fsync");
            assertThatThrownBy(log::flush).isInstanceOf(StoreException.class);
            assertEveryRecordReadable(log, 0, 10);
        }
        assertThat(dir.resolve("clean-shutdown")).doesNotExist();
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(10);
            assertThat(log.append(record(10))).isEqualTo(10);
        }
    }

    @Test
    void shouldRefuseWritesAfterAFailedFsyncWhileSealingASegment() throws IOException {
        try (Log log = Log.open(dir, SMALL, files)) {
            log.append(ByteBuffer.allocate(900));
            files.failNextForce();

            assertThatThrownBy(() -> log.append(ByteBuffer.allocate(900))).isInstanceOf(IOException.class);

            assertThat(log.segmentCount()).isEqualTo(1);
            assertThatThrownBy(() -> log.append(record(1))).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void shouldRollOnTheNextAppendWhenCreatingASegmentFailed() throws IOException {
        try (Log log = Log.open(dir, SMALL, files)) {
            log.append(ByteBuffer.allocate(1000)); // a 1024-byte batch: the segment is full
            files.failNextOpen();

            assertThatThrownBy(() -> log.append(batch(1, 2))).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected");
            assertThat(log.nextOffset()).isEqualTo(1);
            assertThat(log.segmentCount()).isEqualTo(1);

            assertThat(log.append(batch(1, 2))).isEqualTo(1);
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(text(log.read(2))).isEqualTo(text(2));
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertThat(log.nextOffset()).isEqualTo(3);
            assertEveryRecordReadable(log, 1, 3);
        }
    }
}
