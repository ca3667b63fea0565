package io.runnel.store.internal.index;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.runnel.store.internal.io.FileIo;
import io.runnel.store.internal.io.FileIoFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sparse offset index of one segment: a memory-mapped, preallocated file of fixed-size entries, each naming
 * the file position of one batch. Lookups find the closest entry at or below an offset; the segment scans forward
 * from there.
 *
 * <pre>
 *  entry i (8 bytes, big-endian), at file position 8 * i
 *  0                   4                   8
 *  +-------------------+-------------------+
 *  | relativeOffset    | position          |
 *  +-------------------+-------------------+
 *  relativeOffset = baseOffset of the batch - baseOffset of the segment
 *  position       = file position of the batch in the segment's .log file
 * </pre>
 *
 * <p>An entry is added for a batch when at least {@code intervalBytes} of batches were written since the batch of
 * the previous entry (or since the start of the segment). The batch at position 0 is therefore never indexed, every
 * entry has a position above 0, and the entries end at the first one whose position is 0: the file needs no header
 * and no count. Both fields rise strictly from entry to entry.
 *
 * <p>Design note: the file is mapped, not read into the heap, so that the indexes of hundreds of sealed segments
 * live in the page cache. Mappings are never unmapped explicitly (the JDK has no public way to): a reader that raced
 * with a retention delete may still be reading the old mapping, and unmapping under it would crash the JVM. The
 * mapping is released when the index becomes unreachable.
 *
 * <p>Threading: one writer thread calls {@link #onBatch}; any thread may call {@link #lookup}. An entry is
 * written before the volatile entry count that publishes it.
 */
public final class OffsetIndex {

    /** Bytes per entry. */
    public static final int ENTRY_BYTES = 8;

    private static final Logger LOG = LoggerFactory.getLogger(OffsetIndex.class);

    private final Path path;
    private final long baseOffset;
    private final MappedByteBuffer entries;
    private final int maxEntries;
    private final int intervalBytes;
    private volatile int count;
    private int bytesSinceLastEntry; // writer thread only

    private OffsetIndex(Path path, long baseOffset, MappedByteBuffer entries, int count, int intervalBytes) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.entries = entries;
        this.maxEntries = entries.capacity() / ENTRY_BYTES;
        this.count = count;
        this.intervalBytes = intervalBytes;
    }

    /** The most entries a segment of {@code segmentBytes} can need with one entry per {@code intervalBytes}. */
    public static int maxEntries(long segmentBytes, int intervalBytes) {
        return (int) Math.min(segmentBytes / intervalBytes + 1, Integer.MAX_VALUE / ENTRY_BYTES);
    }

    /**
     * Creates an empty index at {@code path}, replacing whatever the file held, preallocated for {@code maxEntries}.
     */
    public static OffsetIndex create(FileIoFactory files, Path path, long baseOffset, int maxEntries,
                                     int intervalBytes) throws IOException {
        long bytes = (long) maxEntries * ENTRY_BYTES;
        try (FileIo file = files.open(path)) {
            file.setLength(0);
            file.setLength(bytes);
            return new OffsetIndex(path, baseOffset, file.map(bytes), 0, intervalBytes);
        }
    }

    /**
     * Maps an existing index file of a sealed segment. Returns null, after logging why, when the file is missing
     * or its entries are not well-formed; the caller then rebuilds it. Whether the entries point at real batches is
     * for the caller to check against the log.
     */
    public static OffsetIndex load(FileIoFactory files, Path path, long baseOffset, int intervalBytes)
            throws IOException {
        if (!Files.exists(path)) {
            LOG.info("Index {} is missing: it will be rebuilt", path);
            return null;
        }
        try (FileIo file = files.open(path)) {
            long size = file.size();
            if (size == 0 || size % ENTRY_BYTES != 0 || size > Integer.MAX_VALUE) {
                LOG.warn("Index {} has an invalid length {}: it will be rebuilt", path, size);
                return null;
            }
            MappedByteBuffer map = file.map(size);
            int capacity = (int) (size / ENTRY_BYTES);
            int n = 0;
            long lastOffset = -1;
            int lastPosition = 0;
            while (n < capacity) {
                int relative = map.getInt(n * ENTRY_BYTES);
                int position = map.getInt(n * ENTRY_BYTES + 4);
                if (position == 0) {
                    break;
                }
                if (relative <= lastOffset || position <= lastPosition || relative < 0) {
                    LOG.warn("Index {} is out of order at entry {}: it will be rebuilt", path, n);
                    return null;
                }
                lastOffset = relative;
                lastPosition = position;
                n++;
            }
            return new OffsetIndex(path, baseOffset, map, n, intervalBytes);
        }
    }

    /** The file this index is mapped from. */
    public Path path() {
        return path;
    }

    /** Number of entries. */
    public int count() {
        return count;
    }

    /** Absolute offset of entry {@code i}. */
    public long offsetAt(int i) {
        return baseOffset + entries.getInt(i * ENTRY_BYTES);
    }

    /** Log file position of entry {@code i}. */
    public int positionAt(int i) {
        return entries.getInt(i * ENTRY_BYTES + 4);
    }

    /**
     * Tells the index that a batch of {@code batchBytes} starting at {@code baseOffset} was written at
     * {@code position}; adds an entry for it when an interval's worth of bytes has passed since the last entry. A
     * full index (possible only when the interval was made smaller for an existing segment) stays as it is: lookups
     * then just scan further.
     */
    public void onBatch(long baseOffset, int position, int batchBytes) {
        if (bytesSinceLastEntry >= intervalBytes) {
            int n = count;
            if (n < maxEntries) {
                entries.putInt(n * ENTRY_BYTES, (int) (baseOffset - this.baseOffset));
                entries.putInt(n * ENTRY_BYTES + 4, position);
                count = n + 1;
            }
            bytesSinceLastEntry = 0;
        }
        bytesSinceLastEntry += batchBytes;
    }

    /**
     * The position of the last indexed batch whose base offset is at most {@code offset}, or 0 (the segment's
     * first batch) when there is none.
     */
    public int lookup(long offset) {
        long relative = offset - baseOffset;
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (entries.getInt(mid * ENTRY_BYTES) <= relative) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? 0 : positionAt(found);
    }

    /** Writes the mapped entries to the storage device. */
    public void force() {
        entries.force();
    }

    @Override
    public String toString() {
        return "OffsetIndex[" + path + ", entries=" + count + "]";
    }
}
