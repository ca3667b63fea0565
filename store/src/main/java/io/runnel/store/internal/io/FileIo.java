package io.runnel.store.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The store's only door to the contents of one file: positional reads and writes, fsync, length changes and a
 * memory mapping. {@link FileChannelIo} is the production implementation; tests put a fault-injecting one in its
 * place through {@link FileIoFactory}.
 *
 * <p>Threading: {@link #read}, {@link #size} and {@link #map} may be called from any thread, concurrently with the one
 * writer thread that calls {@link #write}, {@link #force} and {@link #setLength}. Every method is positional: no
 * method depends on a file position left behind by another call.
 */
public interface FileIo extends Closeable {

    /** The file this object reads and writes. */
    Path path();

    /**
     * Reads bytes into {@code dst} from {@code position}, as {@code FileChannel.read(ByteBuffer, long)}.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or beyond the end of the file
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Reads until {@code dst} is full.
     *
     * @return false when the end of the file came first ({@code dst} then holds what there was)
     */
    default boolean readFully(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = read(dst, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    /**
     * Writes every remaining byte of {@code srcs[offset .. offset+length)}, in order, starting at {@code position}.
     * Returns only when all of them are written; the buffers' positions are left at their limits. A failure may
     * leave any prefix of the bytes written.
     */
    void write(ByteBuffer[] srcs, int offset, int length, long position) throws IOException;

    /** Forces the file's data (not necessarily its metadata) to the storage device: {@code force(false)}. */
    void force() throws IOException;

    /** The current length of the file in bytes. */
    long size() throws IOException;

    /**
     * Makes the file exactly {@code length} bytes long: truncates it, or extends it with zeros (sparse where the
     * file system allows).
     */
    void setLength(long length) throws IOException;

    /**
     * Maps the first {@code size} bytes of the file read-write; the file must already be at least that long. The
     * mapping stays valid after {@link #close()}.
     */
    MappedByteBuffer map(long size) throws IOException;

    /** Closes the file. Later calls fail with {@code ClosedChannelException}. Idempotent. */
    @Override
    void close() throws IOException;
}
