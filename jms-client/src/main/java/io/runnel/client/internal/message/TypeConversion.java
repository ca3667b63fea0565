package io.runnel.client.internal.message;

import jakarta.jms.MessageFormatException;

/**
 * The value conversions of Jakarta Messaging 3.1 §3.5.4 (properties) and of the MapMessage / StreamMessage
 * javadoc (bodies), as one table: a row is the stored type, a column the type read.
 *
 * <pre>
 *             | boolean byte short char int long float double String byte[]
 *  -----------+-----------------------------------------------------------------
 *  Boolean    |    X                                            X
 *  Byte       |          X     X          X    X                X
 *  Short      |                X          X    X                X
 *  Character  |                      X                          X          (bodies only)
 *  Integer    |                           X    X                X
 *  Long       |                                X                X
 *  Float      |                                      X     X    X
 *  Double     |                                            X    X
 *  String     |    X     X     X          X    X     X     X    X
 *  byte[]     |                                                        X   (bodies only)
 * </pre>
 * A conversion not in the table throws {@link MessageFormatException}. A String is parsed with the wrapper's
 * {@code valueOf}, so a bad number throws {@link NumberFormatException}. A null (or missing) value behaves like
 * {@code valueOf((String) null)}: false for boolean, {@code NumberFormatException} for the integral types,
 * {@code NullPointerException} for float, double and char, null for String and byte[].
 *
 * <p>Stateless and thread-safe.
 */
public final class TypeConversion {

    private TypeConversion() {
    }

    /**
     * @param value stored value or null
     * @return the value as a boolean
     * @throws MessageFormatException if the stored type does not convert
     */
    public static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        throw cannotConvert(value, "boolean");
    }

    /**
     * @param value stored value or null
     * @return the value as a byte
     * @throws MessageFormatException if the stored type does not convert
     */
    public static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.parseByte((String) value);
        }
        throw cannotConvert(value, "byte");
    }

    /**
     * @param value stored value or null
     * @return the value as a short
     * @throws MessageFormatException if the stored type does not convert
     */
    public static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short s) {
            return s;
        }
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Short.parseShort((String) value);
        }
        throw cannotConvert(value, "short");
    }

    /**
     * @param value stored value or null
     * @return the value as a char
     * @throws MessageFormatException if the stored type does not convert
     * @throws NullPointerException   if the value is null
     */
    public static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("cannot read a null value as a char");
        }
        throw cannotConvert(value, "char");
    }

    /**
     * @param value stored value or null
     * @return the value as an int
     * @throws MessageFormatException if the stored type does not convert
     */
    public static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.parseInt((String) value);
        }
        throw cannotConvert(value, "int");
    }

    /**
     * @param value stored value or null
     * @return the value as a long
     * @throws MessageFormatException if the stored type does not convert
     */
    public static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.parseLong((String) value);
        }
        throw cannotConvert(value, "long");
    }

    /**
     * @param value stored value or null
     * @return the value as a float
     * @throws MessageFormatException if the stored type does not convert
     */
    public static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw cannotConvert(value, "float");
    }

    /**
     * @param value stored value or null
     * @return the value as a double
     * @throws MessageFormatException if the stored type does not convert
     */
    public static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw cannotConvert(value, "double");
    }

    /**
     * @param value stored value or null
     * @return the value as a String, or null
     * @throws MessageFormatException if the value is a byte array
     */
    public static String toStringValue(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            throw cannotConvert(value, "String");
        }
        return value.toString();
    }

    /**
     * @param value stored value or null
     * @return a copy of the byte array, or null
     * @throws MessageFormatException if the value is not a byte array
     */
    public static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannotConvert(value, "byte[]");
    }

    /**
     * @param value a value
     * @return true if a message property may hold it (null or one of the eight property types)
     */
    public static boolean isPropertyType(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    /**
     * @param value a value
     * @return true if a map or stream body may hold it (the property types plus Character and byte[])
     */
    public static boolean isBodyType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    private static MessageFormatException cannotConvert(Object value, String target) {
        String from = value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
        return new MessageFormatException("cannot convert a " + from + " value to " + target);
    }
}
