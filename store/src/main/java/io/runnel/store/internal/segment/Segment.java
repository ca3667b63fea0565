package io.runnel.store.internal.segment;

import static io.runnel.store.internal.segment.BatchFormat.BASE_OFFSET_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.HEADER_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.MIN_BATCH_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.RECORD_COUNT_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.runnel.store.StoreException;
import io.runnel.store.internal.index.OffsetIndex;
import io.runnel.store.internal.io.FileIo;
import io.runnel.store.internal.io.FileIoFactory;

/**
 * One segment of a log: a {@code .log} file of batches ({@link BatchFormat}) holding a contiguous range of
 * offsets from {@link #baseOffset()}, and its sparse {@link OffsetIndex}. The file is preallocated to
 * {@code segmentBytes}; {@link #size()} is where the valid batches end.
 *
 * <p>Threading: one writer thread appends, forces, seals and deletes. Any thread may {@link #read} or open
 * {@link #batches}: {@code size} is volatile and written after the batch it covers, so a reader that bounds itself
 * by it (and by the log's published next offset) never sees a half-written batch. A reader racing with
 * {@link #delete()} gets an {@code IOException} and can tell why from {@link #isDeleted()}.
 */
public final class Segment {

    // Bytes read per positional read when looking for one record: one read usually covers the walk from the index
    // entry (at most an index interval away) to the record.
    private static final int WINDOW_BYTES = 8 * 1024;
    private static final ThreadLocal<Window> WINDOWS = ThreadLocal.withInitial(Window::new);

    private final long baseOffset;
    private final FileIo log;
    private final OffsetIndex index;
    private final SegmentConfig config;
    private volatile int size;
    private long nextOffset; // writer thread
    private volatile boolean deleted;

    /**
     * Wraps the files of a segment.
     *
     * @param size       where the valid batches end in {@code log}
     * @param nextOffset the offset after the last record of the segment ({@code baseOffset} if it is empty)
     */
    public Segment(long baseOffset, FileIo log, OffsetIndex index, SegmentConfig config, int size, long nextOffset) {
        this.baseOffset = baseOffset;
        this.log = log;
        this.index = index;
        this.config = config;
        this.size = size;
        this.nextOffset = nextOffset;
    }

    /** Creates a new, empty segment in {@code dir}, replacing any files of the same name. */
    public static Segment create(Path dir, long baseOffset, SegmentConfig config, FileIoFactory files)
            throws IOException {
        FileIo log = files.open(SegmentFiles.logFile(dir, baseOffset));
        try {
            log.setLength(0);
            if (config.preallocate()) {
                log.setLength(config.segmentBytes());
            }
            OffsetIndex index = OffsetIndex.create(files, SegmentFiles.indexFile(dir, baseOffset), baseOffset,
                    config.maxIndexEntries(), config.indexIntervalBytes());
            return new Segment(baseOffset, log, index, config, 0, baseOffset);
        } catch (IOException | RuntimeException e) {
            closeQuietly(log, e);
            throw e;
        }
    }

    /** The offset of the segment's first record. */
    public long baseOffset() {
        return baseOffset;
    }

    /** The offset after the segment's last record. Writer thread only. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Bytes of valid batches. */
    public int size() {
        return size;
    }

    /** The segment's index. */
    public OffsetIndex index() {
        return index;
    }

    /** The segment's {@code .log} file. */
    public FileIo file() {
        return log;
    }

    /** Whether a batch of {@code batchBytes} holding {@code records} records still fits. Writer thread only. */
    public boolean hasRoomFor(int batchBytes, int records) {
        return (long) size + batchBytes <= config.segmentBytes()
                && nextOffset - baseOffset + records <= Integer.MAX_VALUE;
    }

    /**
     * Writes the batch prepared in {@code writer} at the end of the segment and makes it visible to readers.
     * On failure nothing changes: the next append writes at the same position. Writer thread only.
     */
    public void append(BatchWriter writer, long batchBaseOffset, int batchBytes, int records) throws IOException {
        int position = size;
        writer.writeTo(log, position);
        index.onBatch(batchBaseOffset, position, batchBytes);
        nextOffset = batchBaseOffset + records;
        size = position + batchBytes; // volatile: publishes the batch
    }

    /** Forces the batches to the storage device. */
    public void force() throws IOException {
        log.force();
    }

    /**
     * Forces batches and index to the storage device. Called before a successor segment is created: a segment
     * that has a successor is complete on disk, which is what lets recovery trust it without a full scan.
     */
    public void seal() throws IOException {
        log.force();
        index.force();
    }

    /**
     * A heap copy of the record at {@code offset} (position 0, limit its length). The caller guarantees that
     * {@code offset} is in this segment and below the log's published next offset. Batches are not checksummed
     * here (recovery and {@link BatchReader} do that); their structure is checked.
     *
     * @throws StoreException if the segment does not hold the offset where the index says it should
     */
    public ByteBuffer read(long offset) throws IOException {
        int end = size;
        Window window = WINDOWS.get();
        window.reset();
        ByteBuffer buffer = window.buffer;
        long position = index.lookup(offset);
        for (;;) {
            if (position + HEADER_BYTES > end) {
                throw new StoreException("offset " + offset + " not found in " + log.path() + " (reached position "
                        + position + " of " + end + ")");
            }
            int at = window.load(log, position, HEADER_BYTES, end);
            int length = buffer.getInt(at + LENGTH_OFFSET);
            long base = buffer.getLong(at + BASE_OFFSET_OFFSET);
            int count = buffer.getInt(at + RECORD_COUNT_OFFSET);
            checkHeader(position, length, base, count, end);
            if (offset < base) {
                throw new StoreException("offset " + offset + " not found in " + log.path() + ": batch at position "
                        + position + " starts at offset " + base);
            }
            if (offset - base < count) {
                return copyRecord(window, position, length, count, (int) (offset - base), end);
            }
            position += length;
        }
    }

    private ByteBuffer copyRecord(Window window, long batchPosition, int batchLength, int count, int wanted, int end)
            throws IOException {
        ByteBuffer buffer = window.buffer;
        long tableAt = batchPosition + HEADER_BYTES;
        long recordAt = tableAt + (long) LENGTH_BYTES * count;
        int length = -1;
        int perLoad = WINDOW_BYTES / LENGTH_BYTES;
        for (int i = 0; i <= wanted; ) {
            int n = Math.min(wanted + 1 - i, perLoad);
            int at = window.load(log, tableAt + (long) LENGTH_BYTES * i, n * LENGTH_BYTES, end);
            for (int k = 0; k < n; k++, i++) {
                int recordLength = buffer.getInt(at + k * LENGTH_BYTES);
                if (recordLength < 0) {
                    throw corrupt(batchPosition, "negative record length " + recordLength);
                }
                if (i == wanted) {
                    length = recordLength;
                } else {
                    recordAt += recordLength;
                }
            }
        }
        if (recordAt + length > batchPosition + batchLength) {
            throw corrupt(batchPosition, "record lengths exceed the batch length " + batchLength);
        }
        byte[] copy = new byte[length];
        if (length <= WINDOW_BYTES) {
            int at = window.load(log, recordAt, length, end);
            buffer.get(at, copy, 0, length);
        } else if (!log.readFully(ByteBuffer.wrap(copy), recordAt)) {
            throw corrupt(batchPosition, "file ends inside the batch");
        }
        return ByteBuffer.wrap(copy);
    }

    private void checkHeader(long position, int length, long base, int count, int end) throws StoreException {
        if (length < MIN_BATCH_BYTES || position + length > end || count < 1
                || BatchFormat.headerBytes(count) > length || base < baseOffset) {
            throw corrupt(position, "invalid header (length " + length + ", base offset " + base + ", records "
                    + count + ")");
        }
    }

    /**
     * Reads the batches that hold offsets from {@code fromOffset} on, verifying each one's CRC. For scans.
     */
    public BatchReader batches(long fromOffset) {
        return new BatchReader(this, index.lookup(fromOffset), fromOffset);
    }

    StoreException corrupt(long position, String what) {
        return new StoreException("corrupt batch at position " + position + " of " + log.path() + ": " + what);
    }

    /** Whether {@link #delete()} was called. */
    public boolean isDeleted() {
        return deleted;
    }

    /** Closes the segment's file. */
    public void close() throws IOException {
        log.close();
    }

    /** Closes the segment and deletes its files. Readers still using it get an {@code IOException}. */
    public void delete() throws IOException {
        deleted = true;
        log.close();
        Files.deleteIfExists(log.path());
        Files.deleteIfExists(index.path());
    }

    private static void closeQuietly(FileIo file, Exception cause) {
        try {
            file.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "Segment[" + log.path().getFileName() + ", size=" + size + "]";
    }

    /**
     * A per-thread direct buffer holding one stretch of one file, so that finding a record costs one or two
     * positional reads and no allocation but the copy returned. Reset at the start of every {@link #read}: it never
     * carries bytes from one call (or file) to the next.
     */
    private static final class Window {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(WINDOW_BYTES);
        long start;
        int limit;

        void reset() {
            start = -1;
            limit = 0;
        }

        /**
         * Makes bytes {@code [position, position + n)} of {@code file} available, reading ahead as far as the
         * window and {@code end} allow, and returns the index of {@code position} in {@link #buffer}.
         */
        int load(FileIo file, long position, int n, int end) throws IOException {
            if (start >= 0 && position >= start && position + n <= start + limit) {
                return (int) (position - start);
            }
            int want = (int) Math.min(WINDOW_BYTES, end - position);
            if (want < n) {
                throw new StoreException("batch runs past the end of the data (" + end + ") of " + file.path());
            }
            buffer.clear().limit(want);
            start = -1;
            if (!file.readFully(buffer, position)) {
                throw new StoreException("unexpected end of file in " + file.path() + " at position " + position);
            }
            start = position;
            limit = want;
            return 0;
        }
    }
}
