package io.runnel.protocol.message;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.codec.Wire;

/**
 * Reads and writes tagged values: message properties (tags 1..8), map bodies and stream bodies (all tags).
 *
 * <pre>
 *  +--------+------------------------+
 *  | tag i8 | value (depends on tag) |
 *  +--------+------------------------+
 *   tag  Java type   value                     tag  Java type  value
 *    0   null        (nothing)                  6   Float      int32 (Float.floatToIntBits)
 *    1   Boolean     int8 0 or 1                7   Double     int64 (Double.doubleToLongBits)
 *    2   Byte        int8                       8   String     string (int32 len, -1 = null, + UTF-8)
 *    3   Short       int16                      9   byte[]     bytes  (int32 len, -1 = null, + raw)
 *    4   Integer     int32                     10   Character  int16 (UTF-16 code unit)
 *    5   Long        int64
 * </pre>
 *
 * <p>A map body is int32 count + count x (string name, tag, value); a stream body is (tag, value) repeated to the
 * end. Both are built by the caller from these two methods.
 *
 * <p>Stateless; thread-safe (the buffers passed in are not).
 */
public final class TypedValues {

    /** Tag of a null value (map and stream bodies only). */
    public static final int TAG_NULL = 0;
    /** Tag of a {@code Boolean}. */
    public static final int TAG_BOOLEAN = 1;
    /** Tag of a {@code Byte}. */
    public static final int TAG_BYTE = 2;
    /** Tag of a {@code Short}. */
    public static final int TAG_SHORT = 3;
    /** Tag of an {@code Integer}. */
    public static final int TAG_INT = 4;
    /** Tag of a {@code Long}. */
    public static final int TAG_LONG = 5;
    /** Tag of a {@code Float}. */
    public static final int TAG_FLOAT = 6;
    /** Tag of a {@code Double}. */
    public static final int TAG_DOUBLE = 7;
    /** Tag of a {@code String}. */
    public static final int TAG_STRING = 8;
    /** Tag of a {@code byte[]} (map and stream bodies only). */
    public static final int TAG_BYTES = 9;
    /** Tag of a {@code Character} (map and stream bodies only). */
    public static final int TAG_CHAR = 10;

    private TypedValues() {
    }

    /**
     * Writes a value with its tag.
     *
     * @param out   where to write
     * @param value null, or a Boolean, Byte, Short, Integer, Long, Float, Double, String, byte[] or Character
     * @throws IllegalArgumentException for any other type
     */
    public static void writeTagged(ByteBuf out, Object value) {
        int tag = tagOf(value);
        out.writeByte(tag);
        writeValue(out, tag, value);
    }

    /**
     * Reads a tagged value.
     *
     * @param in where to read
     * @return the value: null, Boolean, Byte, Short, Integer, Long, Float, Double, String, byte[] or Character
     * @throws ProtocolException PROTOCOL_ERROR for an unknown tag or a truncated or malformed value
     */
    public static Object readTagged(ByteBuf in) {
        Wire.requireReadable(in, 1, "value tag");
        return readValue(in, in.readUnsignedByte());
    }

    /**
     * @param value a value
     * @return its tag
     * @throws IllegalArgumentException if the value's type has no tag
     */
    public static int tagOf(Object value) {
        if (value == null) {
            return TAG_NULL;
        } else if (value instanceof Boolean) {
            return TAG_BOOLEAN;
        } else if (value instanceof Byte) {
            return TAG_BYTE;
        } else if (value instanceof Short) {
            return TAG_SHORT;
        } else if (value instanceof Integer) {
            return TAG_INT;
        } else if (value instanceof Long) {
            return TAG_LONG;
        } else if (value instanceof Float) {
            return TAG_FLOAT;
        } else if (value instanceof Double) {
            return TAG_DOUBLE;
        } else if (value instanceof String) {
            return TAG_STRING;
        } else if (value instanceof byte[]) {
            return TAG_BYTES;
        } else if (value instanceof Character) {
            return TAG_CHAR;
        }
        throw new IllegalArgumentException("no wire tag for a value of " + value.getClass().getName());
    }

    /** Writes the value of a known tag, without the tag. */
    static void writeValue(ByteBuf out, int tag, Object value) {
        switch (tag) {
            case TAG_NULL:
                break;
            case TAG_BOOLEAN:
                Wire.writeBool(out, (Boolean) value);
                break;
            case TAG_BYTE:
                out.writeByte((Byte) value);
                break;
            case TAG_SHORT:
                out.writeShort((Short) value);
                break;
            case TAG_INT:
                out.writeInt((Integer) value);
                break;
            case TAG_LONG:
                out.writeLong((Long) value);
                break;
            case TAG_FLOAT:
                out.writeInt(Float.floatToIntBits((Float) value));
                break;
            case TAG_DOUBLE:
                out.writeLong(Double.doubleToLongBits((Double) value));
                break;
            case TAG_STRING:
                Wire.writeString(out, (String) value);
                break;
            case TAG_BYTES:
                Wire.writeBytes(out, (byte[]) value);
                break;
            case TAG_CHAR:
                out.writeShort((Character) value);
                break;
            default:
                throw new IllegalArgumentException("unknown tag " + tag);
        }
    }

    /** Reads the value of a tag already read. */
    static Object readValue(ByteBuf in, int tag) {
        switch (tag) {
            case TAG_NULL:
                return null;
            case TAG_BOOLEAN:
                return Wire.readBool(in);
            case TAG_BYTE:
                Wire.requireReadable(in, Byte.BYTES, "byte value");
                return in.readByte();
            case TAG_SHORT:
                Wire.requireReadable(in, Short.BYTES, "short value");
                return in.readShort();
            case TAG_INT:
                Wire.requireReadable(in, Integer.BYTES, "int value");
                return in.readInt();
            case TAG_LONG:
                Wire.requireReadable(in, Long.BYTES, "long value");
                return in.readLong();
            case TAG_FLOAT:
                Wire.requireReadable(in, Integer.BYTES, "float value");
                return Float.intBitsToFloat(in.readInt());
            case TAG_DOUBLE:
                Wire.requireReadable(in, Long.BYTES, "double value");
                return Double.longBitsToDouble(in.readLong());
            case TAG_STRING:
                return Wire.readString(in);
            case TAG_BYTES:
                return Wire.readBytes(in);
            case TAG_CHAR:
                Wire.requireReadable(in, Character.BYTES, "char value");
                return in.readChar();
            default:
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown value tag " + tag);
        }
    }

    /** Skips the value of a tag already read, allocating nothing; same checks as {@link #readValue}. */
    static void skipValue(ByteBuf in, int tag) {
        switch (tag) {
            case TAG_NULL:
                break;
            case TAG_BOOLEAN:
                Wire.readBool(in);
                break;
            case TAG_BYTE:
                skipFixed(in, Byte.BYTES);
                break;
            case TAG_SHORT:
            case TAG_CHAR:
                skipFixed(in, Short.BYTES);
                break;
            case TAG_INT:
            case TAG_FLOAT:
                skipFixed(in, Integer.BYTES);
                break;
            case TAG_LONG:
            case TAG_DOUBLE:
                skipFixed(in, Long.BYTES);
                break;
            case TAG_STRING:
            case TAG_BYTES:
                Wire.skipBytes(in);
                break;
            default:
                throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown value tag " + tag);
        }
    }

    /** The most bytes {@link #writeTagged} writes for a value, tag included. */
    static int maxEncodedSize(Object value) {
        if (value instanceof String) {
            return 1 + Integer.BYTES + 3 * ((String) value).length();
        } else if (value instanceof byte[]) {
            return 1 + Integer.BYTES + ((byte[]) value).length;
        }
        return 1 + Long.BYTES;
    }

    private static void skipFixed(ByteBuf in, int bytes) {
        Wire.requireReadable(in, bytes, "value");
        in.skipBytes(bytes);
    }
}
