package io.runnel.protocol.codec;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolException;

/**
 * Reads and writes the variable-length field encodings of docs/protocol.md ("Field encodings"), for the frame codec
 * and for {@code WireMessage}.
 *
 * <pre>
 *  string : +-------------+-------------------+     bytes : +-------------+------------+
 *           | len int32   | len x UTF-8 byte  |             | len int32   | len x byte |
 *           +-------------+-------------------+             +-------------+------------+
 *           len = -1 : null (no bytes follow)               len = -1 : null
 *
 *  longs  : +-------------+-------------------+     dest  : +--------+----------------+
 *           | count int32 | count x int64     |             | kind i8| string name    |
 *           +-------------+-------------------+             +--------+----------------+
 *                                                           kind 0 = null (no name follows),
 *                                                           1 QUEUE, 2 TOPIC, 3 TEMP_QUEUE, 4 TEMP_TOPIC
 * </pre>
 *
 * <p>Design note: every length is checked against {@code readableBytes()} before anything is allocated for it, so a
 * field claiming 2 GiB costs nothing; such input throws {@code ProtocolException(PROTOCOL_ERROR)}. Reads advance the
 * reader index; writes append at the writer index.
 *
 * <p>Stateless; thread-safe (the buffers passed in are not).
 */
public final class Wire {

    /** A UTF-8 encoded destination name is at most this long (255 chars, at most 3 bytes per UTF-16 char). */
    private static final int MAX_DESTINATION_NAME_BYTES = DestinationRef.MAX_NAME_LENGTH * 3;

    private Wire() {
    }

    /**
     * Writes a {@code string}: int32 UTF-8 byte length (-1 for null) and the bytes.
     *
     * @param out where to write
     * @param s   the string, may be null
     */
    public static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.reserveAndWriteUtf8(out, s, ByteBufUtil.utf8MaxBytes(s));
        out.setInt(lengthIndex, written);
    }

    /**
     * Reads a {@code string}.
     *
     * @param in where to read
     * @return the string, or null if the length is -1
     * @throws ProtocolException PROTOCOL_ERROR if the length is below -1 or beyond the readable bytes
     */
    public static String readString(ByteBuf in) {
        int length = readLength(in, "string");
        if (length < 0) {
            return null;
        }
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    /**
     * Writes {@code bytes}: int32 length (-1 for null) and the raw bytes.
     *
     * @param out   where to write
     * @param bytes the bytes, may be null
     */
    public static void writeBytes(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    /**
     * Reads {@code bytes} into a new array.
     *
     * @param in where to read
     * @return the bytes, or null if the length is -1
     * @throws ProtocolException PROTOCOL_ERROR if the length is below -1 or beyond the readable bytes
     */
    public static byte[] readBytes(ByteBuf in) {
        int length = readLength(in, "bytes");
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /**
     * Skips a {@code string} or {@code bytes} field without reading it into the heap.
     *
     * @param in where to read
     * @throws ProtocolException PROTOCOL_ERROR if the length is below -1 or beyond the readable bytes
     */
    public static void skipBytes(ByteBuf in) {
        int length = readLength(in, "bytes");
        if (length > 0) {
            in.skipBytes(length);
        }
    }

    /**
     * Writes {@code longs}: int32 count and the values.
     *
     * @param out    where to write
     * @param values the values; null is written as an empty list
     */
    public static void writeLongs(ByteBuf out, long[] values) {
        if (values == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    /**
     * Reads {@code longs}.
     *
     * @param in where to read
     * @return the values, never null
     * @throws ProtocolException PROTOCOL_ERROR if the count is negative or needs more than the readable bytes
     */
    public static long[] readLongs(ByteBuf in) {
        requireReadable(in, Integer.BYTES, "longs count");
        int count = in.readInt();
        if (count < 0 || count > in.readableBytes() / Long.BYTES) {
            throw malformed("longs count " + count + " does not fit the " + in.readableBytes() + " bytes left");
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /**
     * Writes a {@code dest}: int8 kind (0 for null) and, unless null, the name as a {@code string}.
     *
     * @param out         where to write
     * @param destination the destination, may be null
     */
    public static void writeDestination(ByteBuf out, DestinationRef destination) {
        if (destination == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(destination.type().code());
        writeString(out, destination.name());
    }

    /**
     * Reads a {@code dest}.
     *
     * @param in where to read
     * @return the destination, or null for kind 0
     * @throws ProtocolException PROTOCOL_ERROR for an unknown kind, a null or invalid name, or a truncated field
     */
    public static DestinationRef readDestination(ByteBuf in) {
        requireReadable(in, 1, "destination kind");
        int kind = in.readUnsignedByte();
        if (kind == 0) {
            return null;
        }
        DestinationType type = DestinationType.fromCode(kind);
        if (type == null) {
            throw malformed("unknown destination kind " + kind);
        }
        requireReadable(in, Integer.BYTES, "destination name");
        int length = in.getInt(in.readerIndex());
        if (length > MAX_DESTINATION_NAME_BYTES) {
            throw malformed("destination name of " + length + " bytes is too long");
        }
        String name = readString(in);
        if (name == null) {
            throw malformed("destination of kind " + type + " has a null name");
        }
        try {
            return new DestinationRef(type, name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "invalid destination: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code bool}: int8 0 or 1.
     *
     * @param in where to read
     * @return the value
     * @throws ProtocolException PROTOCOL_ERROR for any other byte, or when nothing is left to read
     */
    public static boolean readBool(ByteBuf in) {
        requireReadable(in, 1, "bool");
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw malformed("bool byte " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    /**
     * Writes a {@code bool}: int8 0 or 1.
     *
     * @param out   where to write
     * @param value the value
     */
    public static void writeBool(ByteBuf out, boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    /**
     * @param in    the buffer about to be read
     * @param bytes how many bytes the next field needs
     * @param what  the field, for the message
     * @throws ProtocolException PROTOCOL_ERROR if fewer bytes are readable
     */
    public static void requireReadable(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw malformed(what + " needs " + bytes + " bytes, only " + in.readableBytes() + " left");
        }
    }

    /**
     * @param message what was wrong
     * @return a {@code ProtocolException(PROTOCOL_ERROR)} to throw
     */
    public static ProtocolException malformed(String message) {
        return new ProtocolException(ErrorCode.PROTOCOL_ERROR, message);
    }

    private static int readLength(ByteBuf in, String what) {
        requireReadable(in, Integer.BYTES, what + " length");
        int length = in.readInt();
        if (length < -1 || length > in.readableBytes()) {
            throw malformed(what + " length " + length + " does not fit the " + in.readableBytes() + " bytes left");
        }
        return length;
    }
}
