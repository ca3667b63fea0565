package io.runnel.store.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FileIo} over a {@link FileChannel}.
 *
 * <p>Design note: a {@code FileChannel} is an interruptible channel: when a thread that is interrupted uses it, the
 * JDK closes the channel for every thread. One interrupted reader (say, a Ratis or executor thread being stopped)
 * would then break the log for the writer and all other readers. So this class reopens the file when it finds its
 * channel closed by anyone but {@link #close()}: the interrupted thread still gets its
 * {@code ClosedByInterruptException}, every other caller retries on the new channel. Retrying is safe because every
 * operation is positional.
 *
 * <p>Threading: reads from any thread; writes, force and length changes from one writer thread. The channel swap is
 * guarded by a lock; the hot paths only read a volatile field.
 */
public final class FileChannelIo implements FileIo {

    /** Opens every file as a {@code FileChannelIo}. */
    public static final FileIoFactory FACTORY = new FileIoFactory() {
        @Override
        public FileIo open(Path file) throws IOException {
            return new FileChannelIo(file, FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(FileChannelIo.class);

    private final Path path;
    private final Object lock = new Object();
    private volatile FileChannel channel;
    private volatile boolean closed;

    // Writer thread only: the channel whose file position was last set by write(), and that position. Saves the
    // lseek of FileChannel.position(long) when batches are written back to back.
    private FileChannel positioned;
    private long channelPosition;

    private FileChannelIo(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        for (;;) {
            FileChannel ch = channel;
            try {
                return ch.read(dst, position);
            } catch (ClosedChannelException e) {
                reopenAfter(ch, e);
            }
        }
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length, long position) throws IOException {
        long remaining = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            remaining += srcs[i].remaining();
        }
        long at = position;
        int first = offset;
        while (remaining > 0) {
            FileChannel ch = channel;
            try {
                if (ch != positioned || channelPosition != at) {
                    positioned = null;
                    ch.position(at);
                    positioned = ch;
                }
                long n = ch.write(srcs, first, end - first);
                at += n;
                channelPosition = at;
                remaining -= n;
                while (first < end && !srcs[first].hasRemaining()) {
                    first++;
                }
            } catch (ClosedChannelException e) {
                positioned = null;
                reopenAfter(ch, e);
            } catch (IOException | RuntimeException e) {
                positioned = null; // the channel's position is unknown after a failed write
                throw e;
            }
        }
    }

    @Override
    public void force() throws IOException {
        for (;;) {
            FileChannel ch = channel;
            try {
                ch.force(false);
                return;
            } catch (ClosedChannelException e) {
                reopenAfter(ch, e);
            }
        }
    }

    @Override
    public long size() throws IOException {
        for (;;) {
            FileChannel ch = channel;
            try {
                return ch.size();
            } catch (ClosedChannelException e) {
                reopenAfter(ch, e);
            }
        }
    }

    @Override
    public void setLength(long length) throws IOException {
        for (;;) {
            FileChannel ch = channel;
            try {
                long size = ch.size();
                if (size > length) {
                    ch.truncate(length);
                } else if (size < length) {
                    // Writing the last byte extends the file; the gap reads as zeros (a hole on most file systems).
                    ByteBuffer zero = ByteBuffer.allocate(1);
                    while (zero.hasRemaining()) {
                        ch.write(zero, length - 1);
                    }
                }
                return;
            } catch (ClosedChannelException e) {
                reopenAfter(ch, e);
            }
        }
    }

    @Override
    public MappedByteBuffer map(long size) throws IOException {
        for (;;) {
            FileChannel ch = channel;
            try {
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            } catch (ClosedChannelException e) {
                reopenAfter(ch, e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            channel.close();
        }
    }

    /**
     * Called when {@code failed} turned out to be closed. Rethrows if this object was closed, or if the calling
     * thread's own interrupt closed the channel; otherwise returns so that the caller retries on a fresh channel.
     */
    private void reopenAfter(FileChannel failed, ClosedChannelException cause) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw cause;
            }
            if (channel == failed) {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                LOG.warn("Reopened {}: its channel was closed by an interrupted thread", path);
            }
        }
        if (cause instanceof ClosedByInterruptException) {
            throw cause;
        }
    }

    @Override
    public String toString() {
        return "FileChannelIo[" + path + "]";
    }
}
