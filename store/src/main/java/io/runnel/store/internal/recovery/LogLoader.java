package io.runnel.store.internal.recovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.runnel.store.StoreException;
import io.runnel.store.internal.index.OffsetIndex;
import io.runnel.store.internal.io.FileIo;
import io.runnel.store.internal.io.FileIoFactory;
import io.runnel.store.internal.recovery.SegmentScanner.Result;
import io.runnel.store.internal.recovery.SegmentScanner.Stop;
import io.runnel.store.internal.segment.Segment;
import io.runnel.store.internal.segment.SegmentConfig;
import io.runnel.store.internal.segment.SegmentFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory and recovers it. This is the whole of recovery, in the order it happens:
 *
 * <ol>
 *   <li>Remove the clean-shutdown marker (noting whether it was there), and index files without a log file.</li>
 *   <li>No segment: create segment 0. Done.</li>
 *   <li>Every segment but the last is <em>sealed</em>: it was forced to disk, index included, before its successor
 *       was created, so it is trusted without a full scan. Its index is loaded and checked; only the stretch after
 *       the last index entry is scanned, to find where the segment ends. A missing or malformed index is rebuilt
 *       with a full scan. A sealed segment must end exactly where its successor starts; if it does not (a segment
 *       missing in the middle, or corruption inside a sealed segment) the log cannot be opened:
 *       {@link StoreException}.</li>
 *   <li>The last segment is always scanned in full, every batch's CRC verified, and its index rebuilt. At the
 *       first batch that is not valid (torn, corrupt, or not at the expected offset) the data ends: the file is
 *       truncated there (and preallocated again), so that nothing after the point of failure can come back later,
 *       and what was dropped is logged.</li>
 * </ol>
 *
 * <p>Design note: the last segment is scanned even after a clean shutdown. It costs one sequential read of at most
 * one segment, and it means the index of the active segment never has to reach the disk while appending. The
 * successor of a sealed segment plays the part of a per-segment clean-shutdown marker, so the directory's marker
 * only decides how the open is reported.
 *
 * <p>Threading: runs on the thread opening the log, before the log is visible to anyone.
 */
public final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private final Path dir;
    private final SegmentConfig config;
    private final FileIoFactory files;
    private final SegmentScanner scanner = new SegmentScanner();

    private LogLoader(Path dir, SegmentConfig config, FileIoFactory files) {
        this.dir = dir;
        this.config = config;
        this.files = files;
    }

    /**
     * Opens the log in {@code dir}, creating the directory if it is missing.
     *
     * @return its segments, oldest first, the last one ready for appends
     * @throws StoreException if the segments on disk do not form one contiguous range of offsets
     */
    public static List<Segment> load(Path dir, SegmentConfig config, FileIoFactory files) throws IOException {
        return new LogLoader(dir, config, files).load();
    }

    private List<Segment> load() throws IOException {
        Files.createDirectories(dir);
        boolean clean = CleanShutdownMarker.consume(dir);
        long[] baseOffsets = segmentBaseOffsets();
        List<Segment> segments = new ArrayList<>();
        try {
            if (baseOffsets.length == 0) {
                segments.add(Segment.create(dir, 0, config, files));
                files.syncDirectory(dir);
                LOG.info("Created log {}", dir);
                return segments;
            }
            if (!clean) {
                LOG.info("Log {} was not closed cleanly last time: recovering it", dir);
            }
            for (int i = 0; i < baseOffsets.length - 1; i++) {
                segments.add(openSealed(baseOffsets[i], baseOffsets[i + 1]));
            }
            Segment last = openLast(baseOffsets[baseOffsets.length - 1], clean);
            segments.add(last);
            LOG.info("Opened log {}: {} segment(s), offsets [{}, {})", dir, segments.size(),
                    segments.get(0).baseOffset(), last.nextOffset());
            return segments;
        } catch (IOException | RuntimeException e) {
            for (Segment segment : segments) {
                try {
                    segment.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Base offsets of the segments in the directory, in order. Deletes index files that have no log file. */
    private long[] segmentBaseOffsets() throws IOException {
        Set<Long> logs = new HashSet<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                long logBase = SegmentFiles.baseOffset(name, SegmentFiles.LOG_SUFFIX);
                if (logBase >= 0) {
                    logs.add(logBase);
                } else if (SegmentFiles.baseOffset(name, SegmentFiles.INDEX_SUFFIX) >= 0) {
                    indexes.add(entry);
                }
            }
        }
        for (Path index : indexes) {
            long base = SegmentFiles.baseOffset(index.getFileName().toString(), SegmentFiles.INDEX_SUFFIX);
            if (!logs.contains(base)) {
                LOG.info("Deleting index {}: its segment is gone", index);
                Files.deleteIfExists(index);
            }
        }
        long[] sorted = logs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private Segment openSealed(long baseOffset, long successorBaseOffset) throws IOException {
        Path indexFile = SegmentFiles.indexFile(dir, baseOffset);
        FileIo log = files.open(SegmentFiles.logFile(dir, baseOffset));
        try {
            OffsetIndex index = OffsetIndex.load(files, indexFile, baseOffset, config.indexIntervalBytes());
            Result tail = null;
            if (index != null) {
                int entries = index.count();
                long from = entries == 0 ? 0 : index.positionAt(entries - 1);
                long fromOffset = entries == 0 ? baseOffset : index.offsetAt(entries - 1);
                tail = scanner.scan(log, from, fromOffset, null);
                if (entries > 0 && tail.batches() == 0) {
                    LOG.warn("Index {} does not match its segment ({} at position {}): rebuilding it", indexFile,
                            tail.stop(), from);
                    index = null;
                }
            }
            if (index == null) {
                index = OffsetIndex.create(files, indexFile, baseOffset, config.maxIndexEntries(),
                        config.indexIntervalBytes());
                tail = scanner.scan(log, 0, baseOffset, index);
                index.force();
                LOG.info("Rebuilt index {}: {} entries for {} batches", indexFile, index.count(), tail.batches());
            }
            if (tail.nextOffset() != successorBaseOffset) {
                throw new StoreException("segment " + log.path() + " ends at offset " + tail.nextOffset()
                        + " (position " + tail.endPosition() + ": " + tail.stop() + ") but the next segment starts at "
                        + successorBaseOffset + ": records are missing or corrupt");
            }
            return new Segment(baseOffset, log, index, config, (int) tail.endPosition(), tail.nextOffset());
        } catch (IOException | RuntimeException e) {
            closeQuietly(log, e);
            throw e;
        }
    }

    private Segment openLast(long baseOffset, boolean clean) throws IOException {
        FileIo log = files.open(SegmentFiles.logFile(dir, baseOffset));
        try {
            OffsetIndex index = OffsetIndex.create(files, SegmentFiles.indexFile(dir, baseOffset), baseOffset,
                    config.maxIndexEntries(), config.indexIntervalBytes());
            Result result = scanner.scan(log, 0, baseOffset, index);
            long fileSize = log.size();
            if (result.stop() != Stop.END_OF_DATA) {
                LOG.warn("Recovered {}{}: kept {} records in {} batches, offsets [{}, {}); dropped the bytes from "
                                + "position {} to the end of the file ({} bytes): {}",
                        log.path(), clean ? " after a clean shutdown" : "", result.records(), result.batches(),
                        baseOffset, result.nextOffset(), result.endPosition(),
                        fileSize - result.endPosition(), result.stop());
            } else {
                LOG.debug("Recovered {}: {} records in {} batches, offsets [{}, {})", log.path(),
                        result.records(), result.batches(), baseOffset, result.nextOffset());
            }
            if (fileSize > result.endPosition()) {
                // Zero everything after the data, even when the scan ended on a zero header: after a crash, bytes
                // further on may hold batches the disk kept while losing earlier ones.
                log.setLength(result.endPosition());
            }
            if (config.preallocate() && log.size() < config.segmentBytes()) {
                log.setLength(config.segmentBytes());
            }
            return new Segment(baseOffset, log, index, config, (int) result.endPosition(), result.nextOffset());
        } catch (IOException | RuntimeException e) {
            closeQuietly(log, e);
            throw e;
        }
    }

    private static void closeQuietly(FileIo file, Exception cause) {
        try {
            file.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
