package io.runnel.store.internal.segment;

import io.runnel.store.internal.index.OffsetIndex;

/**
 * The settings a segment needs, taken from the public {@code LogConfig} so that the internal packages do not
 * depend on it. Immutable.
 *
 * @param segmentBytes       the most bytes of batches one segment holds, and the size it is preallocated to
 * @param indexIntervalBytes bytes of batches between two index entries
 * @param preallocate        whether a new segment file is extended to {@code segmentBytes} up front
 */
public record SegmentConfig(long segmentBytes, int indexIntervalBytes, boolean preallocate) {

    /** Entries an index file is preallocated for. */
    public int maxIndexEntries() {
        return OffsetIndex.maxEntries(segmentBytes, indexIntervalBytes);
    }
}
