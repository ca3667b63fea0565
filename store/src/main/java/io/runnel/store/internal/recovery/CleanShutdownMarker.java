package io.runnel.store.internal.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.runnel.store.internal.io.FileIo;
import io.runnel.store.internal.io.FileIoFactory;

/**
 * The empty file {@value #FILE_NAME} in a log directory, written by a clean close and removed when the log is
 * opened again. Its absence at open means the previous run stopped without closing the log. Stateless.
 */
public final class CleanShutdownMarker {

    /** Name of the marker file. */
    public static final String FILE_NAME = "clean-shutdown";

    private CleanShutdownMarker() {
    }

    /** Writes the marker durably. */
    public static void write(Path dir, FileIoFactory files) throws IOException {
        try (FileIo marker = files.open(dir.resolve(FILE_NAME))) {
            marker.force();
        }
        files.syncDirectory(dir);
    }

    /** Removes the marker; returns whether it was there. */
    static boolean consume(Path dir) throws IOException {
        return Files.deleteIfExists(dir.resolve(FILE_NAME));
    }
}
