package io.runnel.broker.partition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A state machine for pipeline tests: remembers every record it was given (a copy), whether it came from the
 * replay, and when {@link #recovered()} was called. Test records are an 8-byte entry index slot followed by a UTF-8
 * text ({@link #record(String)}).
 *
 * <p>Threading: called on the partition thread; the accessors copy under a lock and may be read from any thread.
 */
public final class RecordingStateMachine implements StateMachine {

    /** One applied record. */
    public record Applied(long offset, String text, long entryIndex, boolean replay) {
    }

    private final List<Applied> applied = new ArrayList<>();
    private final AtomicInteger recoveredCalls = new AtomicInteger();
    private volatile int appliedWhenRecovered = -1;

    /** A test record: the entry index slot (-1, as PartitionRecords leaves it) and then {@code text}. */
    public static ByteBuffer record(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + utf8.length).putLong(-1L).put(utf8).flip();
    }

    /** The text of a test record (position to limit). */
    public static String text(ByteBuffer record) {
        ByteBuffer b = record.duplicate();
        b.position(b.position() + 8);
        byte[] utf8 = new byte[b.remaining()];
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public void apply(long offset, ByteBuffer record, boolean replay) {
        Applied a = new Applied(offset, text(record), record.getLong(record.position()), replay);
        synchronized (applied) {
            applied.add(a);
        }
    }

    @Override
    public void recovered() {
        synchronized (applied) {
            appliedWhenRecovered = applied.size();
        }
        recoveredCalls.incrementAndGet();
    }

    public List<Applied> applied() {
        synchronized (applied) {
            return List.copyOf(applied);
        }
    }

    public List<Applied> replayed() {
        return applied().stream().filter(Applied::replay).toList();
    }

    public List<String> texts() {
        return applied().stream().map(Applied::text).toList();
    }

    public List<Long> offsets() {
        return applied().stream().map(Applied::offset).toList();
    }

    public int recoveredCalls() {
        return recoveredCalls.get();
    }

    /** How many records had been applied when {@link #recovered()} was called (-1 before that). */
    public int appliedWhenRecovered() {
        return appliedWhenRecovered;
    }
}
