package io.runnel.protocol.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.runnel.protocol.AckType;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.FrameType;
import io.runnel.protocol.Limits;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.PingFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.frame.SessionOpenFrame;

/**
 * Turns one whole frame, as cut by {@code LengthFieldBasedFrameDecoder} with its length prefix stripped, into a
 * {@link Frame}. The header it reads (the body of each frame is drawn on its record):
 *
 * <pre>
 *  (length prefix, already stripped)
 *  0        1        2                   6
 *  +--------+--------+-------------------+----------------------+
 *  | type   | flags  | requestId : int32 | body (type-specific) |
 *  +--------+--------+-------------------+----------------------+
 * </pre>
 *
 * <ul>
 *   <li>An unknown type throws {@code ProtocolException(UNKNOWN_FRAME)}.</li>
 *   <li>A body that is truncated, malformed, or followed by bytes it does not define throws
 *       {@code ProtocolException(PROTOCOL_ERROR)}. Netty hands either to {@code exceptionCaught} wrapped in a
 *       {@code DecoderException}.</li>
 *   <li>{@link SendFrame} and {@link DeliverFrame} get a {@code readRetainedSlice} of the rest of the frame: no copy.
 *       The frame passed on owns that reference; the next handler must release it.</li>
 * </ul>
 *
 * <p>Design note: fixed-width fields are read through {@code ByteBuf}'s own bounds checks; an
 * {@code IndexOutOfBoundsException} (which never allocates) is turned into {@code PROTOCOL_ERROR} here. Every length
 * is checked by {@link Wire} before anything is allocated for it.
 *
 * <p>One instance per channel, used on its event loop; not {@code @Sharable}.
 */
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** Creates a decoder for one channel. */
    public FrameDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        out.add(decode(in));
    }

    /**
     * Decodes one frame without a pipeline (used by {@link Codecs} and tests).
     *
     * @param in one whole frame without its length prefix; read to its end. Not released here.
     * @return the frame; a {@link io.runnel.protocol.frame.PayloadFrame} holds a retained slice of {@code in}
     * @throws ProtocolException UNKNOWN_FRAME or PROTOCOL_ERROR as described on the class
     */
    static Frame decode(ByteBuf in) {
        if (in.readableBytes() < Limits.HEADER_SIZE) {
            throw Wire.malformed("frame of " + in.readableBytes() + " bytes is shorter than the "
                    + Limits.HEADER_SIZE + "-byte header");
        }
        int code = in.readUnsignedByte();
        FrameType type = FrameType.fromCode(code);
        if (type == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_FRAME, String.format("unknown frame type 0x%02x", code));
        }
        in.skipBytes(1); // flags: reserved, ignored on receipt
        int requestId = in.readInt();
        try {
            Frame frame = decodeBody(type, requestId, in);
            if (in.isReadable()) {
                // only the bodies without a message can get here; release nothing, they hold no buffer
                throw Wire.malformed(type + " body has " + in.readableBytes() + " bytes left over");
            }
            return frame;
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, type + " body is truncated", e);
        }
    }

    private static Frame decodeBody(FrameType type, int requestId, ByteBuf in) {
        switch (type) {
            case CONNECT:
                return new ConnectFrame(requestId, in.readInt(), in.readInt(), Wire.readString(in),
                        Wire.readString(in), Wire.readString(in));
            case CONNECTED:
                return new ConnectedFrame(requestId, in.readInt(), Wire.readString(in), in.readLong());
            case DISCONNECT:
                return new DisconnectFrame(requestId);
            case OK:
                return new OkFrame(requestId);
            case ERROR:
                return new ErrorFrame(requestId, ErrorCode.fromCode(in.readInt()), Wire.readString(in));
            case PING:
                return new PingFrame(requestId);
            case SESSION_OPEN:
                return new SessionOpenFrame(requestId, in.readInt(), in.readInt());
            case SESSION_CLOSE:
                return new SessionCloseFrame(requestId, in.readInt());
            case COMMIT:
                return new CommitFrame(requestId, in.readInt());
            case ROLLBACK:
                return new RollbackFrame(requestId, in.readInt());
            case SEND: {
                int sessionId = in.readInt();
                DestinationRef destination = requiredDestination(in, type);
                // last: nothing can throw after the slice is retained
                return new SendFrame(requestId, sessionId, destination, in.readRetainedSlice(in.readableBytes()));
            }
            case CONSUMER_OPEN:
                return new ConsumerOpenFrame(requestId, in.readInt(), in.readLong(), requiredDestination(in, type),
                        Wire.readString(in), Wire.readBool(in), Wire.readString(in), in.readInt(), in.readInt());
            case CONSUMER_CLOSE:
                return new ConsumerCloseFrame(requestId, in.readLong(), Wire.readLongs(in));
            case CREDIT:
                return new CreditFrame(requestId, in.readLong(), in.readInt());
            case DELIVER: {
                long consumerId = in.readLong();
                long deliveryId = in.readLong();
                int deliveryCount = in.readInt();
                return new DeliverFrame(requestId, consumerId, deliveryId, deliveryCount,
                        in.readRetainedSlice(in.readableBytes()));
            }
            case ACK: {
                int sessionId = in.readInt();
                int ackCode = in.readUnsignedByte();
                AckType ackType = AckType.fromCode(ackCode);
                if (ackType == null) {
                    throw Wire.malformed("unknown ack type " + ackCode);
                }
                return new AckFrame(requestId, sessionId, ackType, Wire.readLongs(in));
            }
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_FRAME, "no decoder for frame type " + type);
        }
    }

    private static DestinationRef requiredDestination(ByteBuf in, FrameType type) {
        DestinationRef destination = Wire.readDestination(in);
        if (destination == null) {
            throw Wire.malformed(type + " has a null destination");
        }
        return destination;
    }
}
