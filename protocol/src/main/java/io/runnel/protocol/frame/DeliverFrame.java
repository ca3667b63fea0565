package io.runnel.protocol.frame;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.FrameType;

/**
 * Broker to client, code 0x33: pushes one message to a consumer. Not answered (requestId 0); the client later
 * names {@code deliveryId} in an {@code AckFrame}.
 *
 * <pre>
 *  10                    18                    26                   30
 *  +---------------------+---------------------+--------------------+---------------------------+
 *  | consumerId int64    | deliveryId int64    | deliveryCount i32  | message (rest of frame)   |
 *  +---------------------+---------------------+--------------------+---------------------------+
 *    deliveryCount = JMSXDeliveryCount (1 for a first delivery; JMSRedelivered = deliveryCount &gt; 1)
 * </pre>
 *
 * <p>Immutable apart from the message's reference count; see {@link PayloadFrame} for who releases it.
 *
 * @param requestId     0: no answer
 * @param consumerId    the consumer the message is for
 * @param deliveryId    chosen by the broker, unique within the connection
 * @param deliveryCount how many times this message has been delivered, this time included
 * @param message       the encoded message exactly as the producer sent it, never null
 */
public record DeliverFrame(int requestId, long consumerId, long deliveryId, int deliveryCount, ByteBuf message)
        implements PayloadFrame {

    /**
     * @param requestId as on the record
     * @param consumerId as on the record
     * @param deliveryId as on the record
     * @param deliveryCount as on the record
     * @param message as on the record
     * @throws NullPointerException if {@code message} is null
     */
    public DeliverFrame {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public FrameType type() {
        return FrameType.DELIVER;
    }

    @Override
    public DeliverFrame retain() {
        message.retain();
        return this;
    }
}
