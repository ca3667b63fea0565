package io.runnel.broker.persistence;

import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes the records of a data partition's log. Every durable change to a partition is one of these
 * records; {@code PartitionStateMachine} applies them in log order.
 *
 * <pre>
 * Every record:
 *  0                8        9
 *  +----------------+--------+--------------------------------------------+
 *  | entryIndex i64 | type   | body                                       |
 *  +----------------+--------+--------------------------------------------+
 *  entryIndex: the Raft log index of the entry that carried the record (Ratis pipeline), -1 in the local pipeline.
 *
 * MESSAGE (1)        int8 destType | string destName | i64 producerConnectionId | message bytes (to the end)
 * ACK (2)            string queueName | i32 n | n x i64 offset
 * RELEASE (3)        string queueName | i32 n | n x (i64 offset, i32 deliveryCount)
 * DISPATCH_MARK (4)  i64 markOffset
 * string = i16 length + UTF-8 bytes (destination names are at most 255 characters)
 * </pre>
 *
 * <p>The broker never decodes the message bytes beyond their fixed header ({@code MessageView}).
 *
 * <p>Thread-safe: static methods on buffers the caller owns.
 */
public final class PartitionRecords {
    public static final int ENTRY_INDEX_AT = 0;
    public static final int TYPE_AT = 8;
    public static final int BODY_AT = 9;

    public static final byte MESSAGE = 1;
    public static final byte ACK = 2;
    public static final byte RELEASE = 3;
    public static final byte DISPATCH_MARK = 4;

    private PartitionRecords() {
    }

    public static byte type(ByteBuffer record) {
        return record.get(record.position() + TYPE_AT);
    }

    public static long entryIndex(ByteBuffer record) {
        return record.getLong(record.position() + ENTRY_INDEX_AT);
    }

    /** Stamps the Raft index into a record before it is written to the store. */
    public static void setEntryIndex(ByteBuffer record, long index) {
        record.putLong(record.position() + ENTRY_INDEX_AT, index);
    }

    // ---------------------------------------------------------------- MESSAGE

    /** A message record; {@code message} is copied from its reader index without moving it. */
    public static ByteBuffer message(DestinationRef destination, long producerConnectionId, io.netty.buffer.ByteBuf message) {
        byte[] name = destination.name().getBytes(StandardCharsets.UTF_8);
        int length = message.readableBytes();
        ByteBuffer b = ByteBuffer.allocate(BODY_AT + 1 + 2 + name.length + 8 + length);
        header(b, MESSAGE);
        b.put((byte) destination.type().code());
        putString(b, name);
        b.putLong(producerConnectionId);
        message.getBytes(message.readerIndex(), b.array(), b.position(), length);
        b.position(b.position() + length);
        return b.flip();
    }

    /** A decoded view of a MESSAGE record: where the message bytes start inside the record. */
    public record MessageRecord(DestinationRef destination, long producerConnectionId, int messageAt) {
    }

    public static MessageRecord readMessage(ByteBuffer record) {
        ByteBuffer b = record.duplicate();
        b.position(record.position() + BODY_AT);
        DestinationType type = DestinationType.fromCode(b.get());
        String name = getString(b);
        long connectionId = b.getLong();
        return new MessageRecord(new DestinationRef(type, name), connectionId, b.position());
    }

    // ---------------------------------------------------------------- ACK / RELEASE

    public static ByteBuffer ack(String queueName, long[] offsets, int count) {
        byte[] name = queueName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(BODY_AT + 2 + name.length + 4 + 8 * count);
        header(b, ACK);
        putString(b, name);
        b.putInt(count);
        for (int i = 0; i < count; i++) {
            b.putLong(offsets[i]);
        }
        return b.flip();
    }

    public static ByteBuffer release(String queueName, long[] offsets, int[] deliveryCounts, int count) {
        byte[] name = queueName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(BODY_AT + 2 + name.length + 4 + 12 * count);
        header(b, RELEASE);
        putString(b, name);
        b.putInt(count);
        for (int i = 0; i < count; i++) {
            b.putLong(offsets[i]);
            b.putInt(deliveryCounts[i]);
        }
        return b.flip();
    }

    /** Body reader for ACK and RELEASE records: the queue name, then {@link #count} entries. */
    public static final class OffsetList {
        public final String queueName;
        public final long[] offsets;
        public final int[] deliveryCounts;   // RELEASE only, else null

        private OffsetList(String queueName, long[] offsets, int[] deliveryCounts) {
            this.queueName = queueName;
            this.offsets = offsets;
            this.deliveryCounts = deliveryCounts;
        }
    }

    public static OffsetList readOffsets(ByteBuffer record) {
        ByteBuffer b = record.duplicate();
        byte type = b.get(record.position() + TYPE_AT);
        b.position(record.position() + BODY_AT);
        String name = getString(b);
        int n = b.getInt();
        long[] offsets = new long[n];
        int[] counts = type == RELEASE ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            offsets[i] = b.getLong();
            if (counts != null) {
                counts[i] = b.getInt();
            }
        }
        return new OffsetList(name, offsets, counts);
    }

    // ---------------------------------------------------------------- DISPATCH_MARK

    public static ByteBuffer dispatchMark(long mark) {
        ByteBuffer b = ByteBuffer.allocate(BODY_AT + 8);
        header(b, DISPATCH_MARK);
        b.putLong(mark);
        return b.flip();
    }

    public static long readDispatchMark(ByteBuffer record) {
        return record.getLong(record.position() + BODY_AT);
    }

    // ---------------------------------------------------------------- helpers

    private static void header(ByteBuffer b, byte type) {
        b.putLong(-1L);
        b.put(type);
    }

    private static void putString(ByteBuffer b, byte[] utf8) {
        b.putShort((short) utf8.length);
        b.put(utf8);
    }

    private static String getString(ByteBuffer b) {
        int length = Short.toUnsignedInt(b.getShort());
        byte[] utf8 = new byte[length];
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
