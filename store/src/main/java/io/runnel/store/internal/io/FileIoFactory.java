package io.runnel.store.internal.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens files for the store and makes directory changes durable. The seam through which tests replace
 * {@link FileChannelIo} by a fault-injecting implementation. Implementations are thread-safe.
 */
public interface FileIoFactory {

    /** Opens {@code file} for reading and writing, creating it (empty) if it does not exist. */
    FileIo open(Path file) throws IOException;

    /** Makes the creation and deletion of entries in {@code dir} durable (fsync of the directory). */
    void syncDirectory(Path dir) throws IOException;
}
