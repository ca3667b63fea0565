package io.runnel.store.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FileIoFactory} over {@link FileChannelIo} that fails on demand: the next write after writing some of its
 * bytes, the next fsync, the next open. Each armed fault fires once. Thread-safe.
 */
public final class FaultyFileIoFactory implements FileIoFactory {

    private final AtomicInteger writeBytesBeforeFailure = new AtomicInteger(-1);
    private final AtomicBoolean failForce = new AtomicBoolean();
    private final AtomicBoolean failOpen = new AtomicBoolean();

    /** The next {@code write} writes its first {@code bytes} bytes, then throws. */
    public void failNextWriteAfter(int bytes) {
        writeBytesBeforeFailure.set(bytes);
    }

    /** The next {@code force} throws without forcing. */
    public void failNextForce() {
        failForce.set(true);
    }

    /** The next {@code open} throws. */
    public void failNextOpen() {
        failOpen.set(true);
    }

    @Override
    public FileIo open(Path file) throws IOException {
        if (failOpen.getAndSet(false)) {
            throw new IOException("injected: cannot open " + file);
        }
        return new FaultyFileIo(FileChannelIo.FACTORY.open(file));
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        FileChannelIo.FACTORY.syncDirectory(dir);
    }

    private final class FaultyFileIo implements FileIo {
        private final FileIo delegate;

        FaultyFileIo(FileIo delegate) {
            this.delegate = delegate;
        }

        @Override
        public Path path() {
            return delegate.path();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int length, long position) throws IOException {
            int failAfter = writeBytesBeforeFailure.getAndSet(-1);
            if (failAfter < 0) {
                delegate.write(srcs, offset, length, position);
                return;
            }
            ByteBuffer prefix = ByteBuffer.allocate(failAfter);
            for (int i = offset; i < offset + length && prefix.hasRemaining(); i++) {
                ByteBuffer src = srcs[i];
                int n = Math.min(src.remaining(), prefix.remaining());
                prefix.put(src.duplicate().limit(src.position() + n));
                src.position(src.position() + n);
            }
            prefix.flip();
            delegate.write(new ByteBuffer[] {prefix}, 0, 1, position);
            throw new IOException("injected: write failed after " + failAfter + " bytes");
        }

        @Override
        public void force() throws IOException {
            if (failForce.getAndSet(false)) {
                throw new IOException("injected: fsync failed");
            }
            delegate.force();
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public void setLength(long length) throws IOException {
            delegate.setLength(length);
        }

        @Override
        public MappedByteBuffer map(long size) throws IOException {
            return delegate.map(size);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
