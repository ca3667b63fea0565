package io.runnel.store;

import static io.runnel.store.LogTest.assertEveryRecordReadable;
import static io.runnel.store.TestLogs.SMALL;
import static io.runnel.store.TestLogs.appendRecords;
import static io.runnel.store.TestLogs.record;
import static io.runnel.store.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LogConcurrencyTest {

    @TempDir
    Path dir;

    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @Test
    void shouldReadRecordsWhileAnotherThreadAppends() throws Exception {
        AtomicLong reads = new AtomicLong();
        AtomicLong scans = new AtomicLong();
        try (Log log = Log.open(dir, SMALL)) {
            Thread writer = start("writer", () -> {
                try {
                    appendRecords(log, 5_000);
                } finally {
                    writing.set(false);
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(start("reader-" + r, () -> {
                    while (writing.get()) {
                        long next = log.nextOffset();
                        assertThat(log.read(next + 1_000_000)).isNull();   // far beyond the 5,000 the writer appends
                        if (next > 0) {
                            long offset = ThreadLocalRandom.current().nextLong(next);
                            ByteBuffer record = log.read(offset);
                            assertThat(record).as("offset %d below %d", offset, next).isNotNull();
                            assertThat(text(record)).isEqualTo(text(offset));
                            reads.incrementAndGet();
                        }
                    }
                }));
            }
            readers.add(start("scanner", () -> {
                while (writing.get()) {
                    long[] expected = {0};
                    log.scan(0, (offset, record) -> {
                        assertThat(offset).isEqualTo(expected[0]++);
                        assertThat(text(record)).isEqualTo(text(offset));
                    });
                    scans.incrementAndGet();
                }
            }));
            join(writer, readers);

            assertThat(failures).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(scans.get()).isPositive();
            assertEveryRecordReadable(log, 0, 5_000);
        }
    }

    @Test
    void shouldReturnNullOrTheRecordWhileRetentionDeletesSegments() throws Exception {
        AtomicLong hits = new AtomicLong();
        AtomicLong misses = new AtomicLong();
        try (Log log = Log.open(dir, SMALL)) {
            Thread writer = start("writer", () -> {
                try {
                    while (log.nextOffset() < 8_000) {
                        appendRecords(log, 10);
                        log.deleteSegmentsBelow(log.nextOffset() - 200);
                    }
                } finally {
                    writing.set(false);
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(start("reader-" + r, () -> {
                    while (writing.get()) {
                        long next = log.nextOffset();
                        if (next == 0) {
                            continue;
                        }
                        long offset = ThreadLocalRandom.current().nextLong(next);
                        ByteBuffer record = log.read(offset);
                        if (record == null) {
                            assertThat(offset).isLessThan(log.startOffset());
                            misses.incrementAndGet();
                        } else {
                            assertThat(text(record)).isEqualTo(text(offset));
                            hits.incrementAndGet();
                        }
                    }
                }));
            }
            readers.add(start("scanner", () -> {
                while (writing.get()) {
                    long[] last = {-1};
                    log.scan(0, (offset, record) -> {
                        assertThat(offset).isGreaterThan(last[0]);
                        assertThat(text(record)).isEqualTo(text(offset));
                        last[0] = offset;
                    });
                }
            }));
            join(writer, readers);

            assertThat(failures).isEmpty();
            assertThat(hits.get()).isPositive();
            assertThat(misses.get()).isPositive();
            assertThat(log.segmentCount()).isLessThan(20);
        }
    }

    @Test
    void shouldKeepWorkingAfterAnInterruptedReaderClosedTheFile() throws Exception {
        try (Log log = Log.open(dir, SMALL)) {
            log.append(record(0));

            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> log.read(0)).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }

            assertThat(text(log.read(0))).isEqualTo(text(0));
            assertThat(log.append(record(1))).isEqualTo(1);
            log.flush();
            assertEveryRecordReadable(log, 0, 2);
        }
        try (Log log = Log.open(dir, SMALL)) {
            assertEveryRecordReadable(log, 0, 2);
        }
    }

    @Test
    void shouldLetTheWriterContinueWhenAnotherThreadsInterruptClosedTheFile() throws Exception {
        try (Log log = Log.open(dir, SMALL)) {
            log.append(record(0));
            Thread reader = start("interrupted-reader", () -> {
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> log.read(0)).isInstanceOf(ClosedByInterruptException.class);
            });
            reader.join();
            assertThat(failures).isEmpty();

            assertThat(log.append(record(1))).isEqualTo(1);
            log.flush();
            assertEveryRecordReadable(log, 0, 2);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
                writing.set(false);
            }
        }, name);
        thread.start();
        return thread;
    }

    private static void join(Thread writer, List<Thread> readers) throws InterruptedException {
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }
    }
}
