package io.runnel.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import io.runnel.store.internal.io.FileChannelIo;
import io.runnel.store.internal.io.FileIoFactory;
import io.runnel.store.internal.recovery.CleanShutdownMarker;
import io.runnel.store.internal.recovery.LogLoader;
import io.runnel.store.internal.segment.BatchReader;
import io.runnel.store.internal.segment.BatchWriter;
import io.runnel.store.internal.segment.Segment;
import io.runnel.store.internal.segment.SegmentConfig;
import io.runnel.store.internal.segment.Segments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's log: an append-only sequence of records, each named by a 64-bit offset (0, 1, 2, ...), kept in
 * segment files in one directory.
 *
 * <pre>
 *  dir/
 *    00000000000000000000.log    segment holding offsets [0, 1200): record batches, preallocated
 *    00000000000000000000.idx    its sparse index (relative offset to file position, every indexIntervalBytes)
 *    00000000000000001200.log    the active segment: appends go here
 *    00000000000000001200.idx
 *    clean-shutdown              present only between a clean close and the next open
 * </pre>
 *
 * Each append writes one batch (one checksum, consecutive offsets) in one gathering write; the batch layout is
 * drawn in {@code internal.segment.BatchFormat}. When a batch does not fit in the active segment, that segment is
 * forced to disk (sealed) and a new one is created at the next offset. {@link #open} recovers the directory, as
 * described in {@code internal.recovery.LogLoader}.
 *
 * <p>Threading: one writer thread calls {@code append}, {@link #flush}, {@link #deleteSegmentsBelow} and
 * {@link #close}; this class is NOT safe for two writers. Any thread may call {@link #read}, {@link #scan},
 * {@link #nextOffset}, {@link #startOffset} and {@link #segmentCount} concurrently with the writer: a record
 * becomes readable when {@code nextOffset} (a volatile field, written after the batch) moves past it, and a read
 * that races with a retention delete of its segment returns null.
 *
 * <p>Failures: an append that fails with an {@code IOException} changes nothing; the next append writes at the same
 * place. A failed fsync (in {@link #flush} or when sealing a segment) is different: the kernel may have dropped the
 * data it could not write, so the log refuses all further appends and flushes with {@link StoreException}; reopen
 * it to continue from what is on disk. Reads and retention deletes still work.
 */
public final class Log implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Log.class);

    private final Path dir;
    private final LogConfig config;
    private final SegmentConfig segmentConfig;
    private final FileIoFactory files;
    private final Segments segments = new Segments();
    private final BatchWriter writer = new BatchWriter();

    private volatile long nextOffset;
    private volatile long startOffset;
    private volatile boolean closed;

    // writer thread only
    private Segment active;
    private boolean unflushed;
    private IOException fsyncFailure;

    private Log(Path dir, LogConfig config, SegmentConfig segmentConfig, FileIoFactory files,
                List<Segment> loaded) {
        this.dir = dir;
        this.config = config;
        this.segmentConfig = segmentConfig;
        this.files = files;
        for (Segment segment : loaded) {
            segments.add(segment);
        }
        this.active = loaded.get(loaded.size() - 1);
        this.startOffset = loaded.get(0).baseOffset();
        this.nextOffset = active.nextOffset();
    }

    /**
     * Opens the log in {@code dir}, creating the directory and an empty log if there is none. Recovers what is
     * there: the last segment is scanned batch by batch with every CRC32C verified, truncated at the first batch that
     * is torn or corrupt (logging what was dropped), and its index rebuilt; earlier segments, forced to disk before
     * their successors were created, are checked where they end, and their index is rebuilt if it is missing.
     *
     * @param dir    the log's directory
     * @param config the log's settings
     * @return the open log, ready for appends at {@link #nextOffset()}
     * @throws StoreException if the segments on disk cannot be made into one contiguous log (a missing segment in
     *                        the middle, corruption inside an older segment)
     * @throws IOException    if the files cannot be read or written
     */
    public static Log open(Path dir, LogConfig config) throws IOException {
        return open(dir, config, FileChannelIo.FACTORY);
    }

    /** As {@link #open(Path, LogConfig)}, with the files opened through {@code files} (tests inject faults here). */
    static Log open(Path dir, LogConfig config, FileIoFactory files) throws IOException {
        SegmentConfig segmentConfig = new SegmentConfig(config.segmentBytes(), config.indexIntervalBytes(),
                config.preallocate());
        List<Segment> loaded = LogLoader.load(dir, segmentConfig, files);
        return new Log(dir, config, segmentConfig, files, loaded);
    }

    /**
     * Appends one record as a batch of its own. Not durable until {@link #flush()}.
     *
     * @param record the record's bytes, from its position to its limit; its position and limit are not changed
     * @return the record's offset
     * @throws IllegalArgumentException if the batch would be larger than {@link LogConfig#maxBatchBytes()}
     * @throws IOException              if the write fails (nothing was appended), or {@link StoreException} if the
     *                                  log is closed or failed
     */
    public long append(ByteBuffer record) throws IOException {
        checkWritable();
        long base = nextOffset;
        int bytes = writer.prepare(base, record, config.maxBatchBytes());
        return write(base, bytes, 1);
    }

    /**
     * Appends records as one batch, with one checksum and consecutive offsets. Not durable until {@link #flush()}.
     *
     * @param records at least one record; each is its bytes from position to limit, and its position and limit
     *                are not changed
     * @return the offset of the first record; record {@code i} has offset {@code result + i}
     * @throws IllegalArgumentException if {@code records} is empty, or the batch would be larger than
     *                                  {@link LogConfig#maxBatchBytes()}
     * @throws IOException              if the write fails (nothing was appended), or {@link StoreException} if the
     *                                  log is closed or failed
     */
    public long append(List<ByteBuffer> records) throws IOException {
        checkWritable();
        long base = nextOffset;
        int bytes = writer.prepare(base, records, config.maxBatchBytes());
        return write(base, bytes, records.size());
    }

    private long write(long base, int bytes, int records) throws IOException {
        Segment segment = active;
        if (!segment.hasRoomFor(bytes, records) && segment.size() > 0) {
            try {
                segment = roll();
            } catch (IOException | RuntimeException e) {
                writer.discard();
                throw e;
            }
        }
        segment.append(writer, base, bytes, records);
        unflushed = true;
        nextOffset = base + records; // volatile: publishes the records to readers
        return base;
    }

    /** Seals the active segment and starts a new one at {@code nextOffset}. */
    private Segment roll() throws IOException {
        Segment sealed = active;
        try {
            sealed.seal();
        } catch (IOException e) {
            throw failed(e);
        }
        Segment next = Segment.create(dir, nextOffset, segmentConfig, files);
        try {
            files.syncDirectory(dir);
        } catch (IOException e) {
            next.close();
            throw failed(e);
        }
        segments.add(next);
        active = next;
        unflushed = false;
        LOG.debug("Rolled log {} to a new segment at offset {} ({} segments)", dir, nextOffset, segments.count());
        return next;
    }

    /**
     * Forces everything appended so far to the storage device ({@code FileChannel.force(false)}). Does nothing if
     * nothing was appended since the last flush.
     *
     * @throws IOException if the fsync fails; the log then refuses further appends and flushes (see the class
     *                     comment), or {@link StoreException} if it is closed or failed already
     */
    public void flush() throws IOException {
        checkWritable();
        if (!unflushed) {
            return;
        }
        try {
            active.force();
        } catch (IOException e) {
            throw failed(e);
        }
        unflushed = false;
    }

    /**
     * The first offset still held: 0, or the base offset of the oldest segment left by retention.
     *
     * @return the lowest readable offset (equal to {@link #nextOffset()} when the log holds no record)
     */
    public long startOffset() {
        return startOffset;
    }

    /**
     * The offset the next appended record will get; every offset below it and at or above {@link #startOffset()}
     * is readable. Safe from any thread.
     *
     * @return the next offset
     */
    public long nextOffset() {
        return nextOffset;
    }

    /**
     * Reads one record. Safe from any thread, concurrently with appends and retention deletes.
     *
     * @param offset the record's offset
     * @return a heap copy of the record's bytes (position 0, limit the record's length, backing array of exactly
     *         that length), or null if {@code offset < startOffset()} or {@code offset >= nextOffset()}
     * @throws StoreException if the log is closed, or the segment does not hold the record where it should
     * @throws IOException    if the file cannot be read
     */
    public ByteBuffer read(long offset) throws IOException {
        if (offset >= nextOffset || offset < startOffset) { // nextOffset first: it publishes what may be read
            return null;
        }
        checkOpen();
        Segment segment = segments.floor(offset);
        if (segment == null) {
            return null; // deleted since startOffset was read
        }
        try {
            return segment.read(offset);
        } catch (IOException e) {
            if (offset < startOffset) {
                return null; // its segment was deleted while we read it
            }
            throw e;
        }
    }

    /**
     * Visits, in order, every record with an offset from {@code max(fromOffset, startOffset())} up to (excluding)
     * the {@link #nextOffset()} seen when the call starts. Every batch's CRC32C is verified on the way. Safe from
     * any thread; records removed by a concurrent retention delete before the scan reaches them are skipped.
     *
     * @param fromOffset the first offset wanted
     * @param visitor    called once per record, on this thread
     * @throws StoreException if the log is closed, or a batch is corrupt
     * @throws IOException    if a file cannot be read, or the visitor throws it
     */
    public void scan(long fromOffset, RecordVisitor visitor) throws IOException {
        long upTo = nextOffset;
        checkOpen();
        long offset = Math.max(fromOffset, startOffset);
        Segment previous = null;
        long previousOffset = -1;
        while (offset < upTo) {
            Segment segment = segments.floor(offset);
            if (segment == null || segment.isDeleted()) {
                long start = startOffset;
                if (start > offset) {
                    offset = start;
                    continue;
                }
                throw new StoreException("no segment of " + dir + " holds offset " + offset);
            }
            if (segment == previous && offset == previousOffset) {
                throw new StoreException(segment + " of " + dir + " ends before offset " + offset
                        + ", and no segment starts there");
            }
            previous = segment;
            previousOffset = offset;
            offset = scanSegment(segment, offset, upTo, visitor);
        }
    }

    /** Visits the records of {@code segment} in {@code [offset, upTo)}; returns the offset to continue from. */
    private long scanSegment(Segment segment, long offset, long upTo, RecordVisitor visitor) throws IOException {
        BatchReader batches = segment.batches(offset);
        long next = offset;
        for (;;) {
            boolean more;
            try {
                more = batches.next(upTo);
            } catch (IOException e) {
                if (segment.isDeleted()) {
                    return Math.max(next, startOffset);
                }
                throw e;
            }
            if (!more) {
                return Math.max(next, batches.nextOffset());
            }
            long base = batches.baseOffset();
            int count = batches.recordCount();
            for (int i = 0; i < count; i++) {
                long recordOffset = base + i;
                if (recordOffset >= upTo) {
                    return upTo;
                }
                if (recordOffset < next) {
                    batches.skipRecord();
                } else {
                    visitor.visit(recordOffset, batches.nextRecord());
                    next = recordOffset + 1;
                }
            }
        }
    }

    /**
     * Retention: deletes, oldest first, every segment whose records all have offsets below {@code offset}. The
     * active (last) segment is never deleted. Reads of deleted offsets return null from then on.
     *
     * @param offset the lowest offset that must stay
     * @return the new {@link #startOffset()}
     * @throws IOException if a file cannot be deleted (the segment is gone from the log all the same), or
     *                     {@link StoreException} if the log is closed
     */
    public long deleteSegmentsBelow(long offset) throws IOException {
        checkOpen();
        for (;;) {
            Segment first = segments.first();
            Segment second = segments.next(first);
            if (second == null || second.baseOffset() > offset) {
                return startOffset;
            }
            startOffset = second.baseOffset(); // volatile: readers stop asking for the segment before it goes
            segments.removeFirst();
            first.delete();
            LOG.info("Deleted segment {} of log {}: offsets [{}, {})", first.baseOffset(), dir,
                    first.baseOffset(), second.baseOffset());
        }
    }

    /**
     * The number of segment files, the active one included.
     *
     * @return at least 1
     */
    public int segmentCount() {
        return segments.count();
    }

    /**
     * Flushes, closes the files and writes the clean-shutdown marker. Idempotent. After an fsync failure it only
     * closes the files (no marker).
     *
     * @throws IOException if the final flush or closing a file fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        if (fsyncFailure == null && unflushed) {
            try {
                active.force();
                unflushed = false;
            } catch (IOException e) {
                fsyncFailure = e;
                failure = e;
            }
        }
        for (Segment segment : segments.all()) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = collect(failure, e);
            }
        }
        if (failure == null && fsyncFailure == null) {
            try {
                CleanShutdownMarker.write(dir, files);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        LOG.info("Closed log {} at offset {}", dir, nextOffset);
    }

    private void checkOpen() throws StoreException {
        if (closed) {
            throw new StoreException("log " + dir + " is closed");
        }
    }

    private void checkWritable() throws StoreException {
        checkOpen();
        if (fsyncFailure != null) {
            throw new StoreException("log " + dir + " refuses writes after a failed fsync; reopen it", fsyncFailure);
        }
    }

    private IOException failed(IOException e) {
        fsyncFailure = e;
        LOG.error("fsync failed in log {}: it refuses further writes until it is reopened", dir, e);
        return e;
    }

    private static IOException collect(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public String toString() {
        return "Log[" + dir + ", offsets [" + startOffset + ", " + nextOffset + ")]";
    }
}
