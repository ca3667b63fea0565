package io.runnel.protocol.frame;

import java.util.Arrays;

import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x31: closes a consumer and gives back the deliveries it still held in its prefetch buffer
 * (put back without raising their count). Answered by {@code OkFrame}.
 *
 * <pre>
 *  10                     18              22
 *  +----------------------+---------------+---------------------------+
 *  | consumerId int64     | count int32   | count x deliveryId int64  |
 *  +----------------------+---------------+---------------------------+
 * </pre>
 *
 * <p>Immutable as long as nobody writes into the array (it is not copied); thread-safe under that rule.
 * {@code equals}, {@code hashCode} and {@code toString} look at the array's contents.
 *
 * @param requestId      pairs the request with its answer
 * @param consumerId     the consumer to close
 * @param undeliveredIds delivery ids never handed to the application; null is taken as empty
 */
public record ConsumerCloseFrame(int requestId, long consumerId, long[] undeliveredIds) implements Frame {

    private static final long[] NONE = new long[0];

    /**
     * Replaces a null {@code undeliveredIds} with an empty array.
     *
     * @param requestId as on the record
     * @param consumerId as on the record
     * @param undeliveredIds as on the record
     */
    public ConsumerCloseFrame {
        if (undeliveredIds == null) {
            undeliveredIds = NONE;
        }
    }

    @Override
    public FrameType type() {
        return FrameType.CONSUMER_CLOSE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerCloseFrame f && f.requestId == requestId && f.consumerId == consumerId
                && Arrays.equals(f.undeliveredIds, undeliveredIds);
    }

    @Override
    public int hashCode() {
        return (31 * Integer.hashCode(requestId) + Long.hashCode(consumerId)) * 31 + Arrays.hashCode(undeliveredIds);
    }

    @Override
    public String toString() {
        return "ConsumerCloseFrame[requestId=" + requestId + ", consumerId=" + consumerId
                + ", undeliveredIds=" + Arrays.toString(undeliveredIds) + "]";
    }
}
