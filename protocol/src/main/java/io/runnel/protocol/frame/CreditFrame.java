package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x32: lets the broker push {@code credit} more messages to a consumer. Not
 * answered (requestId 0).
 *
 * <pre>
 *  10                       18               22
 *  +------------------------+----------------+
 *  | consumerId int64       | credit int32   |
 *  +------------------------+----------------+
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId 0: no answer
 * @param consumerId the consumer
 * @param credit     how many messages to add to its window
 */
public record CreditFrame(int requestId, long consumerId, int credit) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CREDIT;
    }
}
