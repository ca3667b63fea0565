package io.runnel.broker.partition.ratis;

import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one {@code CommitPipeline} entry (its records) as the payload of one Raft log entry, and back.
 *
 * <pre>
 * Raft entry payload (StateMachineLogEntryProto.logData):
 *  0          4            8                   8+len[0]     12+len[0]
 *  +----------+------------+-------------------+------------+-------------------+--
 *  | count    | len[0]     | record[0] bytes   | len[1]     | record[1] bytes   | ...
 *  +----------+------------+-------------------+------------+-------------------+--
 *  all integers big-endian int32; count >= 1; len[i] >= 8
 *  record[i] begins with the 8-byte entryIndex slot of PartitionRecords, carried as submitted (normally -1) and
 *  stamped with the Raft index when the entry is applied to the store.
 * </pre>
 *
 * <p>Thread-safe: static methods on buffers the caller owns.
 */
final class EntryCodec {
    /** Bytes of the count field. */
    static final int COUNT_BYTES = 4;
    /** Bytes of each record's length prefix. */
    static final int LENGTH_BYTES = 4;

    private EntryCodec() {
    }

    /** Bytes the payload of {@code records} takes. */
    static long encodedBytes(List<ByteBuffer> records) {
        long bytes = COUNT_BYTES;
        for (ByteBuffer r : records) {
            bytes += LENGTH_BYTES + r.remaining();
        }
        return bytes;
    }

    /** Copies the records (position to limit, not moved) into one payload. */
    static ByteString encode(List<ByteBuffer> records) {
        long size = encodedBytes(records);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("entry of " + size + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(records.size());
        for (ByteBuffer r : records) {
            out.putInt(r.remaining());
            out.put(r.duplicate());
        }
        // the array is never touched again, so protobuf may share it instead of copying
        return UnsafeByteOperations.unsafeWrap(out.array());
    }

    /**
     * Copies a payload's records into one new array and returns a writable view of each (position 0, limit the
     * record's length), so the caller may stamp them.
     *
     * @throws IllegalArgumentException if the payload is not a well-formed entry
     */
    static List<ByteBuffer> decode(ByteString payload) {
        byte[] bytes = payload.toByteArray();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < COUNT_BYTES) {
            throw new IllegalArgumentException("entry payload of " + bytes.length + " bytes has no record count");
        }
        int count = in.getInt();
        if (count < 0 || (long) count * LENGTH_BYTES > in.remaining()) {
            throw new IllegalArgumentException("entry payload declares " + count + " records in " + bytes.length + " bytes");
        }
        List<ByteBuffer> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.remaining() >= LENGTH_BYTES ? in.getInt() : -1;
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("record " + i + " of the entry payload is cut short");
            }
            records.add(ByteBuffer.wrap(bytes, in.position(), length).slice());
            in.position(in.position() + length);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("entry payload has " + in.remaining() + " bytes after its records");
        }
        return records;
    }
}
