package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x12: commits a transacted session. Answered by {@code OkFrame} once durable, or
 * {@code ErrorFrame(TRANSACTION_ROLLED_BACK)}.
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
 * @param sessionId the transacted session
 */
public record CommitFrame(int requestId, int sessionId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.COMMIT;
    }
}
