package io.runnel.broker.partition.ratis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The content of a Ratis snapshot file of a Runnel group. The partition's state is its store, not this file: the
 * marker only records how far the store was flushed when Ratis's log was allowed to be purged up to the snapshot's
 * index, so that a start-up can tell when the store lost records that the Raft log no longer holds.
 *
 * <pre>
 * snapshot.&lt;term&gt;_&lt;index&gt;  (file name chosen by Ratis's SimpleStateMachineStorage; an .md5 file beside it)
 *  0          4          8                           16                          24
 *  +----------+----------+---------------------------+---------------------------+
 *  | magic    | version  | storeNextOffset           | storedThroughIndex        |
 *  +----------+----------+---------------------------+---------------------------+
 *  big-endian; magic = 0x524E534D ("RNSM"), version = 1
 *  storeNextOffset     the store's next offset after the flush: every offset below it is durable
 *  storedThroughIndex  the highest Raft index whose records the store holds (-1 when none)
 * </pre>
 *
 * <p>Written to a temporary file, fsynced, then renamed over the final name. Thread-safe (immutable).
 *
 * @param storeNextOffset    the store's next offset when the snapshot was taken
 * @param storedThroughIndex the highest Raft index found in the store
 */
record SnapshotMarker(long storeNextOffset, long storedThroughIndex) {
    static final int MAGIC = 0x524E534D;
    static final int VERSION = 1;
    static final int BYTES = 24;

    void writeTo(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.putInt(MAGIC).putInt(VERSION).putLong(storeNextOffset).putLong(storedThroughIndex).flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SnapshotMarker readFrom(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != BYTES) {
            throw new IOException("snapshot marker " + file + " has " + bytes.length + " bytes, expected " + BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt();
        int version = b.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException("snapshot marker " + file + " is not a Runnel marker of version " + VERSION);
        }
        return new SnapshotMarker(b.getLong(), b.getLong());
    }
}
