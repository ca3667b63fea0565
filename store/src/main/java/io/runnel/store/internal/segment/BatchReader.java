package io.runnel.store.internal.segment;

import static io.runnel.store.internal.segment.BatchFormat.BASE_OFFSET_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.CRC_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.HEADER_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.MIN_BATCH_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.RECORD_COUNT_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import io.runnel.store.StoreException;

/**
 * Reads one segment's batches in order for a scan, verifying each batch's CRC, and hands out its records as heap
 * buffers. Reads large chunks (one positional read per {@value #CHUNK_BYTES} bytes, or per batch if larger), and
 * never reuses a chunk: the record buffers handed out are slices of it and belong to whoever received them.
 *
 * <pre>
 *  BatchReader r = segment.batches(from);
 *  while (r.next(upTo)) {
 *      for (int i = 0; i &lt; r.recordCount(); i++) { ByteBuffer record = r.nextRecord(); ... }
 *  }
 * </pre>
 *
 * <p>Threading: used by one thread. Bounded by the segment's volatile size read at each {@link #next}, so safe
 * against a concurrent appender.
 */
public final class BatchReader {

    static final int CHUNK_BYTES = 64 * 1024;

    private final Segment segment;
    private final long fromOffset;
    private final CRC32C crc = new CRC32C();
    private long position;

    private byte[] chunk = new byte[0];
    private long chunkStart;

    // the current batch: bytes [at, at + length) of array
    private byte[] array;
    private int at;
    private long baseOffset;
    private int recordCount;
    private int nextRecord;
    private int recordAt;
    private long nextOffset;
    private boolean started;

    BatchReader(Segment segment, long position, long fromOffset) {
        this.segment = segment;
        this.position = position;
        this.fromOffset = fromOffset;
        this.nextOffset = segment.baseOffset();
    }

    /**
     * Moves to the next batch that holds an offset at or above the reader's start, if its base offset is below
     * {@code upTo}.
     *
     * @return false at the end of the segment's data, or when the next batch starts at or above {@code upTo}
     * @throws StoreException if a batch is malformed or fails its CRC
     */
    public boolean next(long upTo) throws IOException {
        int end = segment.size();
        for (;;) {
            if (position + HEADER_BYTES > end) {
                return false;
            }
            int h = load(position, HEADER_BYTES, end);
            int length = readInt(array, h + LENGTH_OFFSET);
            long base = readLong(array, h + BASE_OFFSET_OFFSET);
            int count = readInt(array, h + RECORD_COUNT_OFFSET);
            if (length < MIN_BATCH_BYTES || position + length > end || count < 1
                    || BatchFormat.headerBytes(count) > length || base < nextOffset
                    || (started && base != nextOffset)) {
                throw segment.corrupt(position, "invalid header (length " + length + ", base offset " + base
                        + ", records " + count + ")");
            }
            if (base >= upTo) {
                return false;
            }
            long batchPosition = position;
            position += length;
            nextOffset = base + count;
            started = true;
            if (nextOffset <= fromOffset) {
                continue;
            }
            int b = load(batchPosition, length, end);
            crc.reset();
            crc.update(array, b + BASE_OFFSET_OFFSET, length - BASE_OFFSET_OFFSET);
            if ((int) crc.getValue() != readInt(array, b + CRC_OFFSET)) {
                throw segment.corrupt(batchPosition, "CRC mismatch");
            }
            at = b;
            baseOffset = base;
            recordCount = count;
            nextRecord = 0;
            recordAt = b + (int) BatchFormat.headerBytes(count);
            long total = BatchFormat.headerBytes(count);
            for (int i = 0; i < count; i++) {
                int recordLength = readInt(array, b + HEADER_BYTES + i * LENGTH_BYTES);
                total += recordLength;
                if (recordLength < 0 || total > length) {
                    throw segment.corrupt(batchPosition, "record lengths do not add up to the batch length");
                }
            }
            return true;
        }
    }

    /** Offset of the current batch's first record. */
    public long baseOffset() {
        return baseOffset;
    }

    /** Records in the current batch. */
    public int recordCount() {
        return recordCount;
    }

    /** The offset after the last batch read (the segment's base offset before the first). */
    public long nextOffset() {
        return nextOffset;
    }

    /**
     * The current batch's next record: a heap buffer, position 0 and limit its length, that the caller may keep. It
     * may share its backing array with other records, so use {@code arrayOffset()} with {@code array()}.
     */
    public ByteBuffer nextRecord() {
        int length = readInt(array, at + HEADER_BYTES + nextRecord * LENGTH_BYTES);
        ByteBuffer record = ByteBuffer.wrap(array, recordAt, length).slice();
        recordAt += length;
        nextRecord++;
        return record;
    }

    /** Skips the current batch's next record. */
    public void skipRecord() {
        recordAt += readInt(array, at + HEADER_BYTES + nextRecord * LENGTH_BYTES);
        nextRecord++;
    }

    /**
     * Makes bytes {@code [from, from + n)} available in {@link #array} and returns their index. Reads a fresh chunk
     * (or, for a batch larger than a chunk, an array of its own) rather than overwriting one whose records may be
     * held by a visitor.
     */
    private int load(long from, int n, int end) throws IOException {
        if (from >= chunkStart && from + n <= chunkStart + chunk.length) {
            array = chunk;
            return (int) (from - chunkStart);
        }
        int want = n > CHUNK_BYTES ? n : (int) Math.min(CHUNK_BYTES, end - from);
        byte[] bytes = new byte[want];
        if (!segment.file().readFully(ByteBuffer.wrap(bytes), from)) {
            throw segment.corrupt(from, "file ends inside the batch");
        }
        if (n <= CHUNK_BYTES) {
            chunk = bytes;
            chunkStart = from;
        }
        array = bytes;
        return 0;
    }

    private static int readInt(byte[] a, int i) {
        return (a[i] & 0xff) << 24 | (a[i + 1] & 0xff) << 16 | (a[i + 2] & 0xff) << 8 | (a[i + 3] & 0xff);
    }

    private static long readLong(byte[] a, int i) {
        return (long) readInt(a, i) << 32 | (readInt(a, i + 4) & 0xffffffffL);
    }
}
