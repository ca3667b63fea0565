package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

/** Codes, limits and value types of {@code io.runnel.protocol}. */
class ProtocolTypesTest {

    @Test
    void shouldMapEveryFrameTypeCodeBothWaysAndUnknownCodesToNull() {
        Set<Integer> codes = new HashSet<>();
        for (FrameType t : FrameType.values()) {
            assertThat(FrameType.fromCode(t.code())).isSameAs(t);
            assertThat(codes.add(t.code())).as("unique code %s", t).isTrue();
        }
        assertThat(FrameType.fromCode(0)).isNull();
        assertThat(FrameType.fromCode(0x7E)).isNull();
        assertThat(FrameType.fromCode(-1)).isNull();
        assertThat(FrameType.fromCode(256)).isNull();
        assertThat(FrameType.SEND.code()).isEqualTo(0x20);
        assertThat(FrameType.ACK.code()).isEqualTo(0x34);
    }

    @Test
    void shouldMapErrorCodesAndReadUnknownOnesAsInternalError() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(c.code())).isSameAs(c);
        }
        assertThat(ErrorCode.PROTOCOL_ERROR.code()).isEqualTo(1);
        assertThat(ErrorCode.NOT_SUPPORTED.code()).isEqualTo(13);
        assertThat(ErrorCode.fromCode(999)).isSameAs(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void shouldMapDestinationAndAckTypes() {
        for (DestinationType t : DestinationType.values()) {
            assertThat(DestinationType.fromCode(t.code())).isSameAs(t);
        }
        assertThat(DestinationType.fromCode(0)).isNull();
        assertThat(DestinationType.QUEUE.isQueue()).isTrue();
        assertThat(DestinationType.TEMP_QUEUE.isQueue()).isTrue();
        assertThat(DestinationType.TOPIC.isQueue()).isFalse();
        assertThat(DestinationType.TEMP_TOPIC.isTemporary()).isTrue();
        assertThat(DestinationType.QUEUE.isTemporary()).isFalse();
        for (AckType t : AckType.values()) {
            assertThat(AckType.fromCode(t.code())).isSameAs(t);
        }
        assertThat(AckType.fromCode(0)).isNull();
    }

    @Test
    void shouldValidateDestinationNames() {
        assertThat(DestinationRef.queue("orders")).isEqualTo(new DestinationRef(DestinationType.QUEUE, "orders"));
        assertThat(DestinationRef.topic("t").type()).isEqualTo(DestinationType.TOPIC);
        assertThat(DestinationRef.queue("x".repeat(255)).name()).hasSize(255);
        assertThatThrownBy(() -> DestinationRef.queue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DestinationRef.queue("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DestinationRef.queue("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DestinationRef.queue("a\u007fb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DestinationRef.queue(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DestinationRef(null, "q")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldFindAProtocolExceptionInsideTheDecoderExceptionNettyWrapsItIn() {
        ProtocolException e = new ProtocolException(ErrorCode.UNKNOWN_FRAME, "unknown");
        assertThat(ProtocolException.find(new DecoderException(e))).isSameAs(e);
        assertThat(ProtocolException.find(e)).isSameAs(e);
        assertThat(ProtocolException.find(new DecoderException("other"))).isNull();
        assertThat(ProtocolException.find(null)).isNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME);
    }

    @Test
    void shouldSpeakVersionOneWithASixByteHeader() {
        assertThat(ProtocolVersion.MIN).isEqualTo(1);
        assertThat(ProtocolVersion.MAX).isEqualTo(1);
        assertThat(Limits.HEADER_SIZE).isEqualTo(6);
        assertThat(Limits.DEFAULT_MAX_FRAME_SIZE).isEqualTo(16 * 1024 * 1024);
    }
}
