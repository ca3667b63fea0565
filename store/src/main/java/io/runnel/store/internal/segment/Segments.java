package io.runnel.store.internal.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The segments of one log, keyed by base offset, oldest first. The last one is the active segment.
 *
 * <p>Threading: the writer thread adds and removes; any thread looks up. Lookups see a segment once
 * {@link #add} returned, and may still see one being removed (see {@link Segment#isDeleted()}).
 */
public final class Segments {

    private final ConcurrentSkipListMap<Long, Segment> byBaseOffset = new ConcurrentSkipListMap<>();
    private volatile int count;

    /** Adds {@code segment}, which must start above every segment held. Writer thread only. */
    public void add(Segment segment) {
        byBaseOffset.put(segment.baseOffset(), segment);
        count = byBaseOffset.size();
    }

    /** Removes the oldest segment. Writer thread only. */
    public Segment removeFirst() {
        Map.Entry<Long, Segment> first = byBaseOffset.pollFirstEntry();
        count = byBaseOffset.size();
        return first == null ? null : first.getValue();
    }

    /** The segment that holds {@code offset} if any does: the one with the greatest base offset at or below it. */
    public Segment floor(long offset) {
        Map.Entry<Long, Segment> entry = byBaseOffset.floorEntry(offset);
        return entry == null ? null : entry.getValue();
    }

    /** The oldest segment, or null. */
    public Segment first() {
        Map.Entry<Long, Segment> entry = byBaseOffset.firstEntry();
        return entry == null ? null : entry.getValue();
    }

    /** The segment after {@code segment}, or null if it is the last. */
    public Segment next(Segment segment) {
        Map.Entry<Long, Segment> entry = byBaseOffset.higherEntry(segment.baseOffset());
        return entry == null ? null : entry.getValue();
    }

    /** Number of segments. */
    public int count() {
        return count;
    }

    /** A snapshot of all segments, oldest first. */
    public List<Segment> all() {
        return new ArrayList<>(byBaseOffset.values());
    }
}
