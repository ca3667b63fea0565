package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x10: opens a session. Answered by {@code OkFrame}.
 *
 * <pre>
 *  10                 14                 18
 *  +------------------+------------------+
 *  | sessionId int32  | ackMode int32    |
 *  +------------------+------------------+
 *    ackMode: 0 SESSION_TRANSACTED, 1 AUTO_ACKNOWLEDGE, 2 CLIENT_ACKNOWLEDGE, 3 DUPS_OK_ACKNOWLEDGE
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId pairs the request with its answer
 * @param sessionId chosen by the client, unique within its connection
 * @param ackMode   the JMS acknowledgement mode constant
 */
public record SessionOpenFrame(int requestId, int sessionId, int ackMode) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.SESSION_OPEN;
    }
}
