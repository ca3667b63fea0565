package io.runnel.store.internal.segment;

/**
 * The layout of one record batch in a segment's {@code .log} file: the unit of append, checksum and recovery.
 * Constants only.
 *
 * <pre>
 *  0                   4                   8                                       16                  20
 *  +-------------------+-------------------+---------------------------------------+-------------------+
 *  | batchLength       | crc32c            | baseOffset                            | recordCount  (n)  |
 *  +-------------------+-------------------+---------------------------------------+-------------------+
 *  | length[0]         | length[1]         |  ...                                  | length[n-1]       |
 *  +-------------------+-------------------+---------------------------------------+-------------------+
 *  | record[0] bytes   | record[1] bytes   |  ...                                  | record[n-1] bytes |
 *  +-------------------+-------------------+---------------------------------------+-------------------+
 *
 *  all integers big-endian
 *  batchLength  int32  bytes of the whole batch, this field included: 20 + 4n + sum(length[i])
 *  crc32c       int32  CRC32C of every byte after this field: [8, batchLength)
 *  baseOffset   int64  offset of record[0]; record[i] has offset baseOffset + i
 *  recordCount  int32  n >= 1
 *  length[i]    int32  bytes of record[i], >= 0
 * </pre>
 *
 * <p>A segment file is a sequence of batches from position 0, each at the position where the previous one ends.
 * The file is preallocated with zeros, so the end of the data is the first batch whose {@code batchLength} is 0.
 * A batch whose length runs past the file, whose CRC does not match, or whose {@code baseOffset} is not the one
 * expected also ends the data (recovery then truncates there).
 *
 * <p>Design note: the record lengths are gathered in a table ahead of the records rather than prefixed to each
 * record. The whole header, lengths included, is then one contiguous run of bytes that the appender encodes into
 * one reused direct buffer, and the records follow it straight from the callers' buffers in the same gathering
 * write. A reader finds record {@code i} from the table without walking the records before it.
 */
public final class BatchFormat {

    /** Position of {@code batchLength} in a batch. */
    public static final int LENGTH_OFFSET = 0;
    /** Position of {@code crc32c}. */
    public static final int CRC_OFFSET = 4;
    /** Position of {@code baseOffset}; the CRC covers the batch from here. */
    public static final int BASE_OFFSET_OFFSET = 8;
    /** Position of {@code recordCount}. */
    public static final int RECORD_COUNT_OFFSET = 16;
    /** Bytes of the fixed header; the length table starts here. */
    public static final int HEADER_BYTES = 20;
    /** Bytes of one entry of the length table. */
    public static final int LENGTH_BYTES = 4;
    /** The smallest possible batch: one empty record. */
    public static final int MIN_BATCH_BYTES = HEADER_BYTES + LENGTH_BYTES;

    private BatchFormat() {
    }

    /** Bytes of the header and length table of a batch of {@code records} records. */
    public static long headerBytes(int records) {
        return HEADER_BYTES + (long) LENGTH_BYTES * records;
    }
}
