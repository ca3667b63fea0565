package io.runnel.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives the records of a {@link Log#scan}, in offset order. Called on the thread that called {@code scan}. */
@FunctionalInterface
public interface RecordVisitor {

    /**
     * Visits one record.
     *
     * @param offset the record's offset
     * @param record the record's bytes: a heap buffer at position 0 with limit the record's length, which the
     *               visitor may keep. It may share its backing array with other records: use
     *               {@code arrayOffset()} along with {@code array()}.
     * @throws IOException to stop the scan; {@code scan} rethrows it
     */
    void visit(long offset, ByteBuffer record) throws IOException;
}
