package io.runnel.protocol.frame;

import java.util.Objects;

import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x30: creates a consumer on a queue or a topic. Answered by {@code OkFrame}.
 *
 * <pre>
 *  10                 14                     22
 *  +------------------+----------------------+------------------+-----------------+----------+
 *  | sessionId int32  | consumerId int64     | dest destination | string selector | noLocal  |
 *  +------------------+----------------------+------------------+-----------------+----------+
 *  +-------------------------+--------------------------+--------------+
 *  | string subscriptionName | subscriptionFlags int32  | credit int32 |
 *  +-------------------------+--------------------------+--------------+
 *    noLocal = bool (int8 0 or 1); subscriptionFlags: bit 0 durable, bit 1 shared (version 1: NOT_SUPPORTED)
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId         pairs the request with its answer
 * @param sessionId         the consuming session
 * @param consumerId        chosen by the client, unique within the connection
 * @param destination       what to consume from, never null
 * @param selector          the message selector, or null
 * @param noLocal           true to skip messages sent on this connection (topics)
 * @param subscriptionName  durable/shared subscription name, or null
 * @param subscriptionFlags bit 0 durable, bit 1 shared
 * @param credit            how many messages the broker may push before it hears more
 */
public record ConsumerOpenFrame(int requestId, int sessionId, long consumerId, DestinationRef destination,
                                String selector, boolean noLocal, String subscriptionName, int subscriptionFlags,
                                int credit) implements Frame {

    /** {@link #subscriptionFlags()} bit: the subscription is durable. */
    public static final int SUBSCRIPTION_DURABLE = 1;

    /** {@link #subscriptionFlags()} bit: the subscription is shared. */
    public static final int SUBSCRIPTION_SHARED = 2;

    /**
     * @param requestId as on the record
     * @param sessionId as on the record
     * @param consumerId as on the record
     * @param destination as on the record
     * @param selector as on the record
     * @param noLocal as on the record
     * @param subscriptionName as on the record
     * @param subscriptionFlags as on the record
     * @param credit as on the record
     * @throws NullPointerException if {@code destination} is null
     */
    public ConsumerOpenFrame {
        Objects.requireNonNull(destination, "destination");
    }

    @Override
    public FrameType type() {
        return FrameType.CONSUMER_OPEN;
    }
}
