package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x11: closes a session; everything it still held goes back with its delivery
 * count raised. Answered by {@code OkFrame}.
 *
 * <pre>
 *  10                 14
 *  +------------------+
 *  | sessionId int32  |
 *  +------------------+
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId pairs the request with its answer
 * @param sessionId the session to close
 */
public record SessionCloseFrame(int requestId, int sessionId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.SESSION_CLOSE;
    }
}
