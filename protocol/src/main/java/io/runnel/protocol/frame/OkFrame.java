package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Broker to client, code 0x04: the request with the same {@code requestId} succeeded.
 *
 * <pre>
 *  body: (empty)
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId the id of the request answered
 */
public record OkFrame(int requestId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.OK;
    }
}
