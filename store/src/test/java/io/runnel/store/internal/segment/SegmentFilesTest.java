package io.runnel.store.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SegmentFilesTest {

    @Test
    void shouldNameFilesByZeroPaddedBaseOffset() {
        Path dir = Path.of("/data/p0");

        assertThat(SegmentFiles.logFile(dir, 0)).isEqualTo(dir.resolve("00000000000000000000.log"));
        assertThat(SegmentFiles.indexFile(dir, 1234)).isEqualTo(dir.resolve("00000000000000001234.idx"));
        assertThat(SegmentFiles.logFile(dir, Long.MAX_VALUE).getFileName().toString())
                .isEqualTo("09223372036854775807.log");
    }

    @Test
    void shouldParseOnlyWellFormedNames() {
        assertThat(SegmentFiles.baseOffset("00000000000000001234.log", ".log")).isEqualTo(1234);
        assertThat(SegmentFiles.baseOffset("09223372036854775807.idx", ".idx")).isEqualTo(Long.MAX_VALUE);
        assertThat(SegmentFiles.baseOffset("00000000000000001234.idx", ".log")).isEqualTo(-1);
        assertThat(SegmentFiles.baseOffset("1234.log", ".log")).isEqualTo(-1);
        assertThat(SegmentFiles.baseOffset("0000000000000000123x.log", ".log")).isEqualTo(-1);
        assertThat(SegmentFiles.baseOffset("99999999999999999999.log", ".log")).isEqualTo(-1);
        assertThat(SegmentFiles.baseOffset("clean-shutdown", ".log")).isEqualTo(-1);
    }
}
