package io.runnel.store.internal.segment;

import java.nio.file.Path;

/**
 * Names of a segment's files: the segment's base offset, zero-padded to 20 digits so that names sort as offsets
 * do, with {@code .log} for the batches and {@code .idx} for the sparse index:
 * {@code 00000000000000000000.log}, {@code 00000000000000000000.idx}. Stateless.
 */
public final class SegmentFiles {

    /** Suffix of a segment's batch file. */
    public static final String LOG_SUFFIX = ".log";
    /** Suffix of a segment's index file. */
    public static final String INDEX_SUFFIX = ".idx";

    private static final int DIGITS = 20;

    private SegmentFiles() {
    }

    /** The {@code .log} file of the segment starting at {@code baseOffset}. */
    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset) + LOG_SUFFIX);
    }

    /** The {@code .idx} file of the segment starting at {@code baseOffset}. */
    public static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset) + INDEX_SUFFIX);
    }

    /** The base offset named by {@code fileName} if it is a segment file with {@code suffix}, otherwise -1. */
    public static long baseOffset(String fileName, String suffix) {
        if (fileName.length() != DIGITS + suffix.length() || !fileName.endsWith(suffix)) {
            return -1;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName, 0, DIGITS, 10);
        } catch (NumberFormatException e) {
            return -1; // above Long.MAX_VALUE
        }
    }

    private static String name(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("negative base offset " + baseOffset);
        }
        String digits = Long.toString(baseOffset);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}
