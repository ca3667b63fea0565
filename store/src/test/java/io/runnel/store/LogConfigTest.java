package io.runnel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void shouldHaveTheDocumentedDefaults() {
        LogConfig config = LogConfig.builder().build();

        assertThat(config.segmentBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
        assertThat(config.maxBatchBytes()).isEqualTo(16 * 1024 * 1024 + 64 * 1024);
        assertThat(config.preallocate()).isTrue();
    }

    @Test
    void shouldCapTheDefaultMaxBatchBytesAtTheSegmentSize() {
        assertThat(LogConfig.builder().segmentBytes(4096).build().maxBatchBytes()).isEqualTo(4096);
    }

    @Test
    void shouldRefuseSettingsOutOfRange() {
        assertThatThrownBy(() -> LogConfig.builder().segmentBytes(10).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.builder().segmentBytes(1L << 31).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.builder().indexIntervalBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.builder().maxBatchBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.builder().maxBatchBytes(23).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.builder().segmentBytes(4096).maxBatchBytes(4097).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchBytes");
    }
}
