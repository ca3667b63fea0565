package io.runnel.protocol.frame;

import java.util.Arrays;
import java.util.Objects;

import io.runnel.protocol.AckType;
import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x34: acknowledges or puts back deliveries (see {@link AckType}). Answered by
 * {@code OkFrame} once durable when {@code requestId != 0}.
 *
 * <pre>
 *  10                 14          15              19
 *  +------------------+-----------+---------------+---------------------------+
 *  | sessionId int32  | ackType i8| count int32   | count x deliveryId int64  |
 *  +------------------+-----------+---------------+---------------------------+
 * </pre>
 *
 * <p>Immutable as long as nobody writes into the array (it is not copied); thread-safe under that rule.
 * {@code equals}, {@code hashCode} and {@code toString} look at the array's contents.
 *
 * @param requestId   pairs the request with its answer; 0 = no answer wanted
 * @param sessionId   the session the deliveries belong to
 * @param ackType     what to do with them, never null
 * @param deliveryIds the deliveries; null is taken as empty
 */
public record AckFrame(int requestId, int sessionId, AckType ackType, long[] deliveryIds) implements Frame {

    private static final long[] NONE = new long[0];

    /**
     * Replaces a null {@code deliveryIds} with an empty array.
     *
     * @param requestId as on the record
     * @param sessionId as on the record
     * @param ackType as on the record
     * @param deliveryIds as on the record
     * @throws NullPointerException if {@code ackType} is null
     */
    public AckFrame {
        Objects.requireNonNull(ackType, "ackType");
        if (deliveryIds == null) {
            deliveryIds = NONE;
        }
    }

    @Override
    public FrameType type() {
        return FrameType.ACK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckFrame f && f.requestId == requestId && f.sessionId == sessionId
                && f.ackType == ackType && Arrays.equals(f.deliveryIds, deliveryIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, sessionId, ackType) * 31 + Arrays.hashCode(deliveryIds);
    }

    @Override
    public String toString() {
        return "AckFrame[requestId=" + requestId + ", sessionId=" + sessionId + ", ackType=" + ackType
                + ", deliveryIds=" + Arrays.toString(deliveryIds) + "]";
    }
}
