package io.runnel.protocol.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.codec.Wire;

/**
 * Reads the fixed header of an encoded message (drawn on {@link WireMessage}) in place, for the broker, which never
 * decodes properties or the body:
 *
 * <pre>
 *  0        1        2          3          4                12               20                 28
 *  | format | flags  | bodyType | priority | timestamp i64  | expiration i64 | deliveryTime i64 |
 *              bit 0 = persistent
 * </pre>
 *
 * <p>Offsets are relative to the reader index of a {@code ByteBuf} or the position of a {@code ByteBuffer}; reads
 * are absolute and move neither. A buffer with fewer than {@link #FIXED_HEADER_SIZE} readable (remaining) bytes
 * throws {@code ProtocolException(PROTOCOL_ERROR)}. {@code ByteBuffer} values are read big-endian whatever the
 * buffer's byte order.
 *
 * <p>Stateless; thread-safe as long as nobody writes the buffer being read.
 */
public final class MessageView {

    /** Bytes of the fixed header at the start of every message. */
    public static final int FIXED_HEADER_SIZE = 28;

    private MessageView() {
    }

    /**
     * @param message an encoded message
     * @return true if flags bit 0 (persistent) is set
     */
    public static boolean isPersistent(ByteBuf message) {
        return (at(message, WireMessage.OFFSET_FLAGS) & WireMessage.FLAG_PERSISTENT) != 0;
    }

    /**
     * @param message an encoded message
     * @return the priority byte
     */
    public static int priority(ByteBuf message) {
        return at(message, WireMessage.OFFSET_PRIORITY);
    }

    /**
     * @param message an encoded message
     * @return the body type byte
     */
    public static int bodyType(ByteBuf message) {
        return at(message, WireMessage.OFFSET_BODY_TYPE);
    }

    /**
     * @param message an encoded message
     * @return the timestamp, epoch milliseconds, 0 = none
     */
    public static long timestamp(ByteBuf message) {
        check(message);
        return message.getLong(message.readerIndex() + WireMessage.OFFSET_TIMESTAMP);
    }

    /**
     * @param message an encoded message
     * @return the expiration, epoch milliseconds, 0 = never
     */
    public static long expiration(ByteBuf message) {
        check(message);
        return message.getLong(message.readerIndex() + WireMessage.OFFSET_EXPIRATION);
    }

    /**
     * @param message an encoded message
     * @return the earliest delivery time, epoch milliseconds, 0 = at once
     */
    public static long deliveryTime(ByteBuf message) {
        check(message);
        return message.getLong(message.readerIndex() + WireMessage.OFFSET_DELIVERY_TIME);
    }

    /**
     * @param message an encoded message
     * @return true if flags bit 0 (persistent) is set
     */
    public static boolean isPersistent(ByteBuffer message) {
        return (at(message, WireMessage.OFFSET_FLAGS) & WireMessage.FLAG_PERSISTENT) != 0;
    }

    /**
     * @param message an encoded message
     * @return the priority byte
     */
    public static int priority(ByteBuffer message) {
        return at(message, WireMessage.OFFSET_PRIORITY);
    }

    /**
     * @param message an encoded message
     * @return the body type byte
     */
    public static int bodyType(ByteBuffer message) {
        return at(message, WireMessage.OFFSET_BODY_TYPE);
    }

    /**
     * @param message an encoded message
     * @return the timestamp, epoch milliseconds, 0 = none
     */
    public static long timestamp(ByteBuffer message) {
        return longAt(message, WireMessage.OFFSET_TIMESTAMP);
    }

    /**
     * @param message an encoded message
     * @return the expiration, epoch milliseconds, 0 = never
     */
    public static long expiration(ByteBuffer message) {
        return longAt(message, WireMessage.OFFSET_EXPIRATION);
    }

    /**
     * @param message an encoded message
     * @return the earliest delivery time, epoch milliseconds, 0 = at once
     */
    public static long deliveryTime(ByteBuffer message) {
        return longAt(message, WireMessage.OFFSET_DELIVERY_TIME);
    }

    /**
     * Checks that the readable bytes of {@code message} are exactly one well-formed message (format 1, fixed header
     * present, every field within bounds, nothing left over), the same checks as {@link WireMessage#decode} but
     * without building anything. The reader index does not move.
     *
     * @param message an encoded message; not released here
     * @throws ProtocolException PROTOCOL_ERROR if it is not
     */
    public static void validate(ByteBuf message) {
        ByteBuf walk = message.duplicate(); // own indexes, same memory: no copy, no reference count change
        WireMessage.skip(walk);
        if (walk.isReadable()) {
            throw Wire.malformed("message is followed by " + walk.readableBytes() + " bytes");
        }
    }

    private static void check(ByteBuf message) {
        if (message.readableBytes() < FIXED_HEADER_SIZE) {
            throw tooShort(message.readableBytes());
        }
    }

    private static int at(ByteBuf message, int offset) {
        check(message);
        return message.getUnsignedByte(message.readerIndex() + offset);
    }

    private static int at(ByteBuffer message, int offset) {
        if (message.remaining() < FIXED_HEADER_SIZE) {
            throw tooShort(message.remaining());
        }
        return message.get(message.position() + offset) & 0xFF;
    }

    private static long longAt(ByteBuffer message, int offset) {
        if (message.remaining() < FIXED_HEADER_SIZE) {
            throw tooShort(message.remaining());
        }
        long v = message.getLong(message.position() + offset);
        return message.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    private static ProtocolException tooShort(int bytes) {
        return new ProtocolException(ErrorCode.PROTOCOL_ERROR, "message of " + bytes
                + " bytes is shorter than its " + FIXED_HEADER_SIZE + "-byte fixed header");
    }
}
