package io.runnel.store.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.runnel.store.internal.io.FileChannelIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {

    private static final long BASE = 1_000;

    @TempDir
    Path dir;

    @Test
    void shouldAddAnEntryOncePerIntervalOfBytes() throws IOException {
        OffsetIndex index = create(8);
        // batches of 40 bytes at positions 0, 40, 80, ... holding 2 records each; interval 100
        for (int i = 0; i < 10; i++) {
            index.onBatch(BASE + 2L * i, 40 * i, 40);
        }

        assertThat(index.count()).isEqualTo(3);
        assertThat(index.positionAt(0)).isEqualTo(120);
        assertThat(index.offsetAt(0)).isEqualTo(BASE + 6);
        assertThat(index.positionAt(1)).isEqualTo(240);
        assertThat(index.positionAt(2)).isEqualTo(360);
    }

    @Test
    void shouldFindTheLastEntryAtOrBelowAnOffset() throws IOException {
        OffsetIndex index = create(8);
        for (int i = 0; i < 10; i++) {
            index.onBatch(BASE + 2L * i, 40 * i, 40);
        }

        assertThat(index.lookup(BASE)).isZero();
        assertThat(index.lookup(BASE + 5)).isZero();
        assertThat(index.lookup(BASE + 6)).isEqualTo(120);
        assertThat(index.lookup(BASE + 11)).isEqualTo(120);
        assertThat(index.lookup(BASE + 12)).isEqualTo(240);
        assertThat(index.lookup(BASE + 1_000)).isEqualTo(360);
    }

    @Test
    void shouldStopAddingEntriesWhenFull() throws IOException {
        OffsetIndex index = create(2);
        for (int i = 0; i < 20; i++) {
            index.onBatch(BASE + i, 100 * i, 100);
        }

        assertThat(index.count()).isEqualTo(2);
        assertThat(index.lookup(BASE + 19)).isEqualTo(200);
    }

    @Test
    void shouldLoadWhatWasWritten() throws IOException {
        OffsetIndex written = create(8);
        for (int i = 0; i < 10; i++) {
            written.onBatch(BASE + 2L * i, 40 * i, 40);
        }
        written.force();

        OffsetIndex loaded = OffsetIndex.load(FileChannelIo.FACTORY, file(), BASE, 100);

        assertThat(loaded.count()).isEqualTo(3);
        assertThat(loaded.lookup(BASE + 13)).isEqualTo(240);
    }

    @Test
    void shouldRefuseToLoadAMissingOrMalformedFile() throws IOException {
        assertThat(OffsetIndex.load(FileChannelIo.FACTORY, file(), BASE, 100)).isNull();

        Files.write(file(), new byte[12]);
        assertThat(OffsetIndex.load(FileChannelIo.FACTORY, file(), BASE, 100)).isNull();

        ByteBuffer outOfOrder = ByteBuffer.allocate(32).putInt(5).putInt(200).putInt(4).putInt(300);
        Files.write(file(), outOfOrder.array());
        assertThat(OffsetIndex.load(FileChannelIo.FACTORY, file(), BASE, 100)).isNull();
    }

    private OffsetIndex create(int maxEntries) throws IOException {
        return OffsetIndex.create(FileChannelIo.FACTORY, file(), BASE, maxEntries, 100);
    }

    private Path file() {
        return dir.resolve("00000000000000001000.idx");
    }
}
