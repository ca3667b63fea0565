package io.runnel.store.internal.recovery;

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

import io.runnel.store.internal.index.OffsetIndex;
import io.runnel.store.internal.io.FileIo;
import io.runnel.store.internal.segment.BatchFormat;

/**
 * The recovery scan of one segment file: walks the batches ({@link BatchFormat}) from a position, checks each
 * one completely (header, offsets, record lengths, CRC32C), optionally feeds an index being rebuilt, and stops at
 * the first batch that is not valid, saying why. It changes nothing on disk; {@link LogLoader} decides what to do
 * with the result.
 *
 * <p>Batches are streamed through one reused direct buffer, so a batch of any size is checked in constant memory.
 *
 * <p>Threading: not thread-safe; used while a log is being opened, before anyone else can see it.
 */
final class SegmentScanner {

    /** Why a scan stopped. Only {@link #END_OF_DATA} means the segment ended where it should. */
    enum Stop {
        END_OF_DATA("end of data"),
        TORN("a batch runs past the end of the file"),
        BAD_HEADER("a batch header or length table is invalid"),
        CRC_MISMATCH("a batch fails its CRC32C check"),
        UNEXPECTED_OFFSET("a batch does not start at the expected offset");

        private final String description;

        Stop(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * What a scan found.
     *
     * @param endPosition where the valid batches end
     * @param nextOffset  the offset after the last valid record
     * @param batches     valid batches found
     * @param records     records in them
     * @param stop        why the scan stopped at {@code endPosition}
     */
    record Result(long endPosition, long nextOffset, int batches, long records, Stop stop) {
    }

    // A multiple of LENGTH_BYTES, so that no record length straddles two reads.
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final CRC32C crc = new CRC32C();
    // the batch check() last accepted
    private int batchLength;
    private int batchRecords;

    /**
     * Scans {@code log} from {@code position}, where a batch starting at {@code expectedOffset} should be.
     *
     * @param index if not null, told about every valid batch (to rebuild it)
     */
    Result scan(FileIo log, long position, long expectedOffset, OffsetIndex index) throws IOException {
        long fileSize = Math.min(log.size(), Integer.MAX_VALUE);
        long at = position;
        long offset = expectedOffset;
        int batches = 0;
        long records = 0;
        for (;;) {
            Stop stop = check(log, at, offset, fileSize);
            if (stop != null) {
                return new Result(at, offset, batches, records, stop);
            }
            if (index != null) {
                index.onBatch(offset, (int) at, batchLength);
            }
            at += batchLength;
            offset += batchRecords;
            batches++;
            records += batchRecords;
        }
    }

    /**
     * Checks the batch at {@code position}. Returns null if it is valid, with its length and record count in
     * {@link #batchLength} and {@link #batchRecords}; otherwise why the data ends here.
     */
    private Stop check(FileIo log, long position, long expectedOffset, long fileSize) throws IOException {
        long available = fileSize - position;
        if (available <= 0) {
            return Stop.END_OF_DATA;
        }
        buffer.clear().limit((int) Math.min(HEADER_BYTES, available));
        if (!log.readFully(buffer, position)) {
            return Stop.TORN; // the file shrank under us
        }
        if (isZero(buffer) || (buffer.limit() >= Integer.BYTES && buffer.getInt(LENGTH_OFFSET) == 0)) {
            return Stop.END_OF_DATA;
        }
        if (available < HEADER_BYTES) {
            return Stop.TORN;
        }
        int length = buffer.getInt(LENGTH_OFFSET);
        int storedCrc = buffer.getInt(CRC_OFFSET);
        long baseOffset = buffer.getLong(BASE_OFFSET_OFFSET);
        int count = buffer.getInt(RECORD_COUNT_OFFSET);
        if (length < MIN_BATCH_BYTES || count < 1 || BatchFormat.headerBytes(count) > length) {
            return Stop.BAD_HEADER;
        }
        if (length > available) {
            return Stop.TORN;
        }
        if (baseOffset != expectedOffset) {
            return Stop.UNEXPECTED_OFFSET;
        }

        crc.reset();
        buffer.limit(HEADER_BYTES).position(BASE_OFFSET_OFFSET);
        crc.update(buffer);
        long tableBytes = (long) LENGTH_BYTES * count;
        long recordBytes = 0;
        boolean negativeLength = false;
        long streamed = 0;
        long remaining = length - HEADER_BYTES;
        while (remaining > 0) {
            int n = (int) Math.min(BUFFER_BYTES, remaining);
            buffer.clear().limit(n);
            if (!log.readFully(buffer, position + HEADER_BYTES + streamed)) {
                return Stop.TORN;
            }
            buffer.flip();
            for (int i = 0; i < n && streamed + i < tableBytes; i += LENGTH_BYTES) {
                int recordLength = buffer.getInt(i);
                negativeLength |= recordLength < 0;
                recordBytes += recordLength;
            }
            crc.update(buffer);
            streamed += n;
            remaining -= n;
        }
        if ((int) crc.getValue() != storedCrc) {
            return Stop.CRC_MISMATCH;
        }
        if (negativeLength || BatchFormat.headerBytes(count) + recordBytes != length) {
            return Stop.BAD_HEADER;
        }
        batchLength = length;
        batchRecords = count;
        return null;
    }

    private static boolean isZero(ByteBuffer header) {
        for (int i = 0; i < header.limit(); i++) {
            if (header.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
