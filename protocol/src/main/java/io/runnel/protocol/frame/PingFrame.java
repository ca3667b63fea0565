package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x06: a keep-alive, answered by {@code OkFrame}.
 *
 * <pre>
 *  body: (empty)
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId pairs the request with its answer
 */
public record PingFrame(int requestId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PING;
    }
}
