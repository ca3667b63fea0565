package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x03: the client is leaving. Answered by {@code OkFrame}, then the broker closes.
 *
 * <pre>
 *  body: (empty)
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId pairs the request with its answer
 */
public record DisconnectFrame(int requestId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.DISCONNECT;
    }
}
