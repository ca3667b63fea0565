package io.runnel.store.internal.segment;

import static io.runnel.store.internal.segment.BatchFormat.BASE_OFFSET_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.CRC_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.HEADER_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_BYTES;
import static io.runnel.store.internal.segment.BatchFormat.LENGTH_OFFSET;
import static io.runnel.store.internal.segment.BatchFormat.RECORD_COUNT_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.zip.CRC32C;

import io.runnel.store.internal.io.FileIo;

/**
 * Encodes a batch ({@link BatchFormat}) and writes it: the header and length table go into one reused direct
 * buffer, the records are written from the callers' own buffers, all in one gathering write. Use
 * {@code prepare(...)} then {@link #writeTo}; the records' positions and limits are as they were when either call
 * returns.
 *
 * <p>Design note: this is the append hot path, so it keeps its state in reused fields: the header buffer, the
 * gathering array and the saved record positions grow to the largest batch seen (and shrink back after a huge
 * one), and the {@link CRC32C} is reset, not recreated. In steady state an append allocates nothing here.
 *
 * <p>Threading: not thread-safe; owned by the log's writer thread.
 */
public final class BatchWriter {

    private static final int INITIAL_RECORDS = 16;
    // A header buffer or gathering array grown beyond this by one huge batch is dropped after it is written.
    private static final int RETAINED_RECORDS = 16 * 1024;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer header;
    private ByteBuffer[] gather;
    private int[] positions;
    private int records;

    /** Creates a writer sized for small batches. */
    public BatchWriter() {
        allocate(INITIAL_RECORDS);
    }

    /**
     * Encodes a batch of one record.
     *
     * @return the size of the batch in bytes
     * @throws IllegalArgumentException if the batch would be larger than {@code maxBatchBytes}
     */
    public int prepare(long baseOffset, ByteBuffer record, int maxBatchBytes) {
        Objects.requireNonNull(record, "record");
        gather[1] = record;
        records = 1;
        return encode(baseOffset, maxBatchBytes);
    }

    /**
     * Encodes a batch of {@code batch.size()} records with consecutive offsets from {@code baseOffset}.
     *
     * @return the size of the batch in bytes
     * @throws IllegalArgumentException if the list is empty, or the batch would be larger than {@code maxBatchBytes}
     */
    public int prepare(long baseOffset, List<ByteBuffer> batch, int maxBatchBytes) {
        int n = batch.size();
        if (n == 0) {
            throw new IllegalArgumentException("a batch needs at least one record");
        }
        long headerBytes = BatchFormat.headerBytes(n);
        if (headerBytes > maxBatchBytes) {
            throw tooLarge(n, headerBytes, maxBatchBytes);
        }
        if (n >= gather.length) {
            allocate(n);
        }
        if (batch instanceof RandomAccess) {
            for (int i = 0; i < n; i++) {
                gather[i + 1] = Objects.requireNonNull(batch.get(i), "record");
            }
        } else {
            int i = 1;
            for (ByteBuffer record : batch) {
                gather[i++] = Objects.requireNonNull(record, "record");
            }
        }
        records = n;
        return encode(baseOffset, maxBatchBytes);
    }

    /** Writes the prepared batch at {@code position} of {@code file}. */
    public void writeTo(FileIo file, long position) throws IOException {
        int n = records;
        try {
            file.write(gather, 0, n + 1, position);
        } finally {
            restorePositions(n);
            release(n);
        }
    }

    /** Forgets a prepared batch that will not be written. */
    public void discard() {
        release(records);
    }

    private int encode(long baseOffset, int maxBatchBytes) {
        int n = records;
        long headerBytes = BatchFormat.headerBytes(n);
        if (headerBytes > maxBatchBytes) {
            release(n);
            throw tooLarge(n, headerBytes, maxBatchBytes);
        }
        ByteBuffer h = header;
        h.clear();
        // Pass 1: lengths. Each record is moved to its limit as it is counted, so that a buffer passed twice in one
        // batch shows up (empty the second time) and gets a duplicate of its own: a gathering write would
        // otherwise drain it once and find nothing the second time.
        long total = headerBytes;
        for (int i = 0; i < n; i++) {
            ByteBuffer record = gather[i + 1];
            if (!record.hasRemaining()) {
                record = substituteRepeated(record, i);
            }
            int length = record.remaining();
            positions[i] = record.position();
            record.position(record.limit());
            h.putInt(HEADER_BYTES + i * LENGTH_BYTES, length);
            total += length;
        }
        restorePositions(n);
        if (total > maxBatchBytes) {
            release(n);
            throw tooLarge(n, total, maxBatchBytes);
        }
        h.putInt(LENGTH_OFFSET, (int) total);
        h.putLong(BASE_OFFSET_OFFSET, baseOffset);
        h.putInt(RECORD_COUNT_OFFSET, n);
        // Pass 2: checksum of everything after the crc field.
        crc.reset();
        h.limit((int) headerBytes).position(BASE_OFFSET_OFFSET);
        crc.update(h);
        for (int i = 0; i < n; i++) {
            crc.update(gather[i + 1]);
        }
        restorePositions(n);
        h.putInt(CRC_OFFSET, (int) crc.getValue());
        h.limit((int) headerBytes).position(0);
        return (int) total;
    }

    /** A duplicate of {@code record} at its original position if it already appeared in this batch. */
    private ByteBuffer substituteRepeated(ByteBuffer record, int index) {
        for (int j = 0; j < index; j++) {
            if (gather[j + 1] == record) {
                ByteBuffer copy = record.duplicate().position(positions[j]);
                gather[index + 1] = copy;
                return copy;
            }
        }
        return record;
    }

    private void restorePositions(int n) {
        for (int i = 0; i < n; i++) {
            gather[i + 1].position(positions[i]);
        }
    }

    private void release(int n) {
        for (int i = 1; i <= n; i++) {
            gather[i] = null; // do not keep callers' buffers reachable
        }
        records = 0;
        if (gather.length > RETAINED_RECORDS + 1) {
            allocate(INITIAL_RECORDS);
        }
    }

    private void allocate(int n) {
        int capacity = Math.max(INITIAL_RECORDS, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
        header = ByteBuffer.allocateDirect((int) BatchFormat.headerBytes(capacity));
        gather = new ByteBuffer[capacity + 1];
        gather[0] = header;
        positions = new int[capacity];
    }

    private static IllegalArgumentException tooLarge(int n, long bytes, int maxBatchBytes) {
        return new IllegalArgumentException("a batch of " + n + " record(s) takes " + bytes
                + " bytes, more than maxBatchBytes " + maxBatchBytes);
    }
}
