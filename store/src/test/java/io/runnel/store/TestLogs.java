package io.runnel.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Records whose bytes are a function of their offset, and a reader of segment files for tests that damage them. */
final class TestLogs {

    /** Small segments so that tests roll many of them quickly. */
    static final LogConfig SMALL = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build();

    private TestLogs() {
    }

    static String text(long offset) {
        return "record-" + offset + "-" + "x".repeat((int) (offset % 37));
    }

    static ByteBuffer record(long offset) {
        return ByteBuffer.wrap(text(offset).getBytes(UTF_8));
    }

    static List<ByteBuffer> batch(long baseOffset, int records) {
        List<ByteBuffer> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(record(baseOffset + i));
        }
        return batch;
    }

    static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, UTF_8);
    }

    /** Appends {@code count} records in batches of 1 to 5 records; returns the next offset. */
    static long appendRecords(Log log, int count) throws IOException {
        long next = log.nextOffset();
        long end = next + count;
        int size = 1;
        while (next < end) {
            int n = (int) Math.min(size, end - next);
            long base = n == 1 ? log.append(record(next)) : log.append(batch(next, n));
            if (base != next) {
                throw new AssertionError("appended at " + base + ", expected " + next);
            }
            next += n;
            size = size % 5 + 1;
        }
        return next;
    }

    /** Segment files in {@code dir}, oldest first. */
    static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    static List<Path> indexFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".idx")).sorted().toList();
        }
    }

    /** A batch as found in a segment file. */
    record Batch(int position, int length, long baseOffset, int records) {
        int end() {
            return position + length;
        }
    }

    /** The batches at the start of {@code logFile}, up to the first zero length. */
    static List<Batch> batchesIn(Path logFile) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(logFile));
        List<Batch> batches = new ArrayList<>();
        int position = 0;
        while (position + 20 <= bytes.limit()) {
            int length = bytes.getInt(position);
            if (length == 0) {
                break;
            }
            batches.add(new Batch(position, length, bytes.getLong(position + 8), bytes.getInt(position + 16)));
            position += length;
        }
        return batches;
    }

    static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x5a;
        Files.write(file, bytes);
    }

    static void zero(Path file, long from, long to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (long i = from; i < to; i++) {
            bytes[(int) i] = 0;
        }
        Files.write(file, bytes);
    }

    static void truncate(Path file, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] kept = new byte[(int) size];
        System.arraycopy(bytes, 0, kept, 0, kept.length);
        Files.write(file, kept);
    }

    /** Copies the files of {@code from} into {@code to}, as a crash would leave them. */
    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
