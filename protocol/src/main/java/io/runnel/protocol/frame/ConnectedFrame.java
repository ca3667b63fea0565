package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Broker to client, code 0x02: the answer to {@code ConnectFrame}; the connection is open.
 *
 * <pre>
 *  10               14
 *  +----------------+-----------------+-------------------------+
 *  | version int32  | string brokerId | connectionId int64      |
 *  +----------------+-----------------+-------------------------+
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId    the id of the {@code ConnectFrame} answered
 * @param version      the protocol version chosen for this connection
 * @param brokerId     the broker's identity (may be null)
 * @param connectionId the broker's id for this connection
 */
public record ConnectedFrame(int requestId, int version, String brokerId, long connectionId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CONNECTED;
    }
}
