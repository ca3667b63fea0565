package io.runnel.protocol.frame;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.FrameType;

/**
 * Client to broker, code 0x20: sends one message to a destination. Answered by {@code OkFrame} once the message is
 * safe (docs/protocol.md, "Sending"), unless {@code requestId} is 0.
 *
 * <pre>
 *  10                 14
 *  +------------------+----------------------+---------------------------------------+
 *  | sessionId int32  | dest destination     | message (the rest of the frame)       |
 *  +------------------+----------------------+---------------------------------------+
 *    dest    = int8 kind (1..4, never 0 here) + string name
 *    message = one message in the WireMessage format, carried as an opaque slice
 * </pre>
 *
 * <p>Immutable apart from the message's reference count; see {@link PayloadFrame} for who releases it.
 *
 * @param requestId   pairs the request with its answer; 0 = no answer wanted
 * @param sessionId   the sending session
 * @param destination where the message goes, never null
 * @param message     the encoded message, never null; its readable bytes are the message
 */
public record SendFrame(int requestId, int sessionId, DestinationRef destination, ByteBuf message)
        implements PayloadFrame {

    /**
     * @param requestId as on the record
     * @param sessionId as on the record
     * @param destination as on the record
     * @param message as on the record
     * @throws NullPointerException if {@code destination} or {@code message} is null
     */
    public SendFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public FrameType type() {
        return FrameType.SEND;
    }

    @Override
    public SendFrame retain() {
        message.retain();
        return this;
    }
}
