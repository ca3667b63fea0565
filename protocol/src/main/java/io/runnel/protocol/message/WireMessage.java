package io.runnel.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.codec.Wire;

/**
 * A message as encoded on the wire: the client encodes it once, the broker stores and pushes those bytes unchanged,
 * reading only the fixed header ({@link MessageView}).
 *
 * <pre>
 *  0        1        2          3          4                12               20                 28
 *  +--------+--------+----------+----------+----------------+----------------+------------------+
 *  | format | flags  | bodyType | priority | timestamp i64  | expiration i64 | deliveryTime i64 |
 *  +--------+--------+----------+----------+----------------+----------------+------------------+
 *  28
 *  +------------------+-------------+---------------------+------------------+---------------+
 *  | string messageId | string type | bytes correlationId | dest destination | dest replyTo  |
 *  +------------------+-------------+---------------------+------------------+---------------+
 *  +---------------------+--------------------------------------------------+------------+
 *  | propertyCount int32 | propertyCount x (string name, int8 tag, value)   | bytes body |
 *  +---------------------+--------------------------------------------------+------------+
 *
 *    format       = 1
 *    flags        = bit 0 persistent, bit 1 correlationId is a UTF-8 string (else raw bytes); others 0, ignored
 *    bodyType     = 0 Message, 1 Bytes, 2 Map, 3 Object, 4 Stream, 5 Text
 *    priority     = 0..9
 *    timestamp, expiration, deliveryTime: epoch milliseconds, 0 = none
 *    property tags 1..8 ({@link TypedValues}); a null property value is written as tag 8 with length -1
 *    body: Text = UTF-8, Bytes = raw, Map = int32 count + (string name, tag, value)..., Stream = (tag, value)...
 *          to the end, Object = Java serialization bytes; null = length -1
 * </pre>
 *
 * <p>Defaults of a new instance: not persistent, {@link #BODY_MESSAGE}, priority 4, times 0, everything else null,
 * no properties.
 *
 * <p>Mutable and not thread-safe: one thread builds or reads an instance.
 */
public final class WireMessage {

    /** The {@code format} byte of this layout. */
    public static final int FORMAT = 1;

    /** Body type of a plain {@code Message} (no body). */
    public static final int BODY_MESSAGE = 0;
    /** Body type of a {@code BytesMessage}. */
    public static final int BODY_BYTES = 1;
    /** Body type of a {@code MapMessage}. */
    public static final int BODY_MAP = 2;
    /** Body type of an {@code ObjectMessage}. */
    public static final int BODY_OBJECT = 3;
    /** Body type of a {@code StreamMessage}. */
    public static final int BODY_STREAM = 4;
    /** Body type of a {@code TextMessage}. */
    public static final int BODY_TEXT = 5;

    /** {@code flags} bit: the message is persistent. */
    public static final int FLAG_PERSISTENT = 1;
    /** {@code flags} bit: the correlation id is a UTF-8 string. */
    public static final int FLAG_CORRELATION_ID_IS_STRING = 2;

    static final int OFFSET_FORMAT = 0;
    static final int OFFSET_FLAGS = 1;
    static final int OFFSET_BODY_TYPE = 2;
    static final int OFFSET_PRIORITY = 3;
    static final int OFFSET_TIMESTAMP = 4;
    static final int OFFSET_EXPIRATION = 12;
    static final int OFFSET_DELIVERY_TIME = 20;

    /** Smallest encoded property: string name of length 0 (4) + tag (1) + an int8 value (1). */
    static final int MIN_PROPERTY_SIZE = Integer.BYTES + 1 + 1;

    private static final int DEFAULT_PRIORITY = 4;

    private boolean persistent;
    private int bodyType = BODY_MESSAGE;
    private int priority = DEFAULT_PRIORITY;
    private long timestamp;
    private long expiration;
    private long deliveryTime;
    private String messageId;
    private String type;
    private byte[] correlationId;
    private boolean correlationIdIsString;
    private DestinationRef destination;
    private DestinationRef replyTo;
    private LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
    private byte[] body;

    /** Creates a message with the defaults listed on the class. */
    public WireMessage() {
    }

    /**
     * Appends this message at the writer index of {@code out}.
     *
     * @param out where to write
     * @throws IllegalArgumentException if the body type or priority is out of range, or a property has a null name
     *                                  or a value of a type properties cannot hold
     */
    public void encode(ByteBuf out) {
        if (bodyType < BODY_MESSAGE || bodyType > BODY_TEXT) {
            throw new IllegalArgumentException("body type " + bodyType + " is not 0..5");
        }
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority " + priority + " is not 0..9");
        }
        out.writeByte(FORMAT);
        out.writeByte((persistent ? FLAG_PERSISTENT : 0) | (correlationIdIsString ? FLAG_CORRELATION_ID_IS_STRING : 0));
        out.writeByte(bodyType);
        out.writeByte(priority);
        out.writeLong(timestamp);
        out.writeLong(expiration);
        out.writeLong(deliveryTime);
        Wire.writeString(out, messageId);
        Wire.writeString(out, type);
        Wire.writeBytes(out, correlationId);
        Wire.writeDestination(out, destination);
        Wire.writeDestination(out, replyTo);
        out.writeInt(properties.size());
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("property with a null name");
            }
            Object value = e.getValue();
            int tag = value == null ? TypedValues.TAG_STRING : TypedValues.tagOf(value);
            if (!isPropertyTag(tag)) {
                throw new IllegalArgumentException("property " + e.getKey() + " holds a "
                        + value.getClass().getName() + ", which a property cannot hold");
            }
            Wire.writeString(out, e.getKey());
            out.writeByte(tag);
            TypedValues.writeValue(out, tag, value);
        }
        Wire.writeBytes(out, body);
    }

    /**
     * Decodes one message starting at the reader index of {@code in} and leaves the reader index just after it.
     *
     * @param in the encoded message; not released here
     * @return the message
     * @throws ProtocolException PROTOCOL_ERROR if the input is not a well-formed message
     */
    public static WireMessage decode(ByteBuf in) {
        try {
            checkFixedHeader(in);
            WireMessage m = new WireMessage();
            in.skipBytes(1); // format, checked
            int flags = in.readUnsignedByte();
            m.persistent = (flags & FLAG_PERSISTENT) != 0;
            m.correlationIdIsString = (flags & FLAG_CORRELATION_ID_IS_STRING) != 0;
            m.bodyType = in.readUnsignedByte();
            m.priority = in.readUnsignedByte();
            m.timestamp = in.readLong();
            m.expiration = in.readLong();
            m.deliveryTime = in.readLong();
            m.messageId = Wire.readString(in);
            m.type = Wire.readString(in);
            m.correlationId = Wire.readBytes(in);
            m.destination = Wire.readDestination(in);
            m.replyTo = Wire.readDestination(in);
            int count = readPropertyCount(in);
            for (int i = 0; i < count; i++) {
                String name = readPropertyName(in);
                int tag = readPropertyTag(in, name);
                m.properties.put(name, TypedValues.readValue(in, tag));
            }
            m.body = Wire.readBytes(in);
            return m;
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "message is truncated", e);
        }
    }

    /**
     * Walks one encoded message like {@link #decode} but keeps nothing (see {@link MessageView#validate}).
     *
     * @param in the encoded message; the reader index moves past it
     */
    static void skip(ByteBuf in) {
        try {
            checkFixedHeader(in);
            in.skipBytes(MessageView.FIXED_HEADER_SIZE);
            Wire.skipBytes(in); // messageId
            Wire.skipBytes(in); // type
            Wire.skipBytes(in); // correlationId
            Wire.readDestination(in); // validates kind and name; small
            Wire.readDestination(in);
            int count = readPropertyCount(in);
            for (int i = 0; i < count; i++) {
                if (in.readableBytes() < Integer.BYTES || in.getInt(in.readerIndex()) < 0) {
                    throw Wire.malformed("property " + i + " has a null or truncated name");
                }
                Wire.skipBytes(in);
                int tag = readPropertyTag(in, "#" + i);
                TypedValues.skipValue(in, tag);
            }
            Wire.skipBytes(in); // body
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "message is truncated", e);
        }
    }

    /**
     * An upper bound of the bytes {@link #encode} writes, for sizing a buffer.
     *
     * @return at least the encoded size
     */
    public int encodedSizeEstimate() {
        long size = MessageView.FIXED_HEADER_SIZE;
        size += maxStringSize(messageId) + maxStringSize(type);
        size += Integer.BYTES + (correlationId == null ? 0 : correlationId.length);
        size += maxDestinationSize(destination) + maxDestinationSize(replyTo);
        size += Integer.BYTES;
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            size += maxStringSize(e.getKey()) + TypedValues.maxEncodedSize(e.getValue());
        }
        size += Integer.BYTES + (body == null ? 0 : body.length);
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    private static void checkFixedHeader(ByteBuf in) {
        if (in.readableBytes() < MessageView.FIXED_HEADER_SIZE) {
            throw Wire.malformed("message of " + in.readableBytes() + " bytes is shorter than its "
                    + MessageView.FIXED_HEADER_SIZE + "-byte fixed header");
        }
        int start = in.readerIndex();
        int format = in.getUnsignedByte(start + OFFSET_FORMAT);
        if (format != FORMAT) {
            throw Wire.malformed("message format " + format + " is not " + FORMAT);
        }
        int bodyType = in.getUnsignedByte(start + OFFSET_BODY_TYPE);
        if (bodyType > BODY_TEXT) {
            throw Wire.malformed("message body type " + bodyType + " is not 0..5");
        }
        int priority = in.getUnsignedByte(start + OFFSET_PRIORITY);
        if (priority > 9) {
            throw Wire.malformed("message priority " + priority + " is not 0..9");
        }
    }

    private static int readPropertyCount(ByteBuf in) {
        Wire.requireReadable(in, Integer.BYTES, "property count");
        int count = in.readInt();
        if (count < 0 || count > in.readableBytes() / MIN_PROPERTY_SIZE) {
            throw Wire.malformed("property count " + count + " does not fit the " + in.readableBytes()
                    + " bytes left");
        }
        return count;
    }

    private static String readPropertyName(ByteBuf in) {
        String name = Wire.readString(in);
        if (name == null) {
            throw Wire.malformed("property with a null name");
        }
        return name;
    }

    private static int readPropertyTag(ByteBuf in, String name) {
        Wire.requireReadable(in, 1, "property tag");
        int tag = in.readUnsignedByte();
        if (!isPropertyTag(tag)) {
            throw Wire.malformed("property " + name + " has tag " + tag + ", not 1..8");
        }
        return tag;
    }

    private static boolean isPropertyTag(int tag) {
        return tag >= TypedValues.TAG_BOOLEAN && tag <= TypedValues.TAG_STRING;
    }

    private static long maxStringSize(String s) {
        return Integer.BYTES + (s == null ? 0 : 3L * s.length());
    }

    private static long maxDestinationSize(DestinationRef d) {
        return 1 + (d == null ? 0 : maxStringSize(d.name()));
    }

    /** @return true if the message is persistent (flags bit 0) */
    public boolean isPersistent() {
        return persistent;
    }

    /** @param persistent true for a persistent message */
    public void setPersistent(boolean persistent) {
        this.persistent = persistent;
    }

    /** @return the body type, one of the {@code BODY_*} constants */
    public int getBodyType() {
        return bodyType;
    }

    /** @param bodyType one of the {@code BODY_*} constants (checked by {@link #encode}) */
    public void setBodyType(int bodyType) {
        this.bodyType = bodyType;
    }

    /** @return the priority, 0..9 */
    public int getPriority() {
        return priority;
    }

    /** @param priority 0..9 (checked by {@link #encode}) */
    public void setPriority(int priority) {
        this.priority = priority;
    }

    /** @return when the message was sent, epoch milliseconds, 0 = none */
    public long getTimestamp() {
        return timestamp;
    }

    /** @param timestamp when the message was sent, epoch milliseconds, 0 = none */
    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** @return when the message expires, epoch milliseconds, 0 = never */
    public long getExpiration() {
        return expiration;
    }

    /** @param expiration when the message expires, epoch milliseconds, 0 = never */
    public void setExpiration(long expiration) {
        this.expiration = expiration;
    }

    /** @return the earliest delivery time, epoch milliseconds, 0 = at once */
    public long getDeliveryTime() {
        return deliveryTime;
    }

    /** @param deliveryTime the earliest delivery time, epoch milliseconds, 0 = at once */
    public void setDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    /** @return the JMSMessageID, or null */
    public String getMessageId() {
        return messageId;
    }

    /** @param messageId the JMSMessageID, or null */
    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    /** @return the JMSType, or null */
    public String getType() {
        return type;
    }

    /** @param type the JMSType, or null */
    public void setType(String type) {
        this.type = type;
    }

    /** @return the correlation id as stored (UTF-8 bytes when {@link #isCorrelationIdIsString()}), or null */
    public byte[] getCorrelationId() {
        return correlationId;
    }

    /** @param correlationId the correlation id bytes, or null; not copied */
    public void setCorrelationId(byte[] correlationId) {
        this.correlationId = correlationId;
    }

    /** @return true if the correlation id bytes are a UTF-8 string (flags bit 1), false for raw bytes */
    public boolean isCorrelationIdIsString() {
        return correlationIdIsString;
    }

    /** @param correlationIdIsString true if the correlation id bytes are a UTF-8 string */
    public void setCorrelationIdIsString(boolean correlationIdIsString) {
        this.correlationIdIsString = correlationIdIsString;
    }

    /**
     * @return the correlation id decoded from UTF-8 when it is a string; null when there is none or it is raw bytes
     *         (read those with {@link #getCorrelationId()})
     */
    public String getCorrelationIdAsString() {
        return correlationId == null || !correlationIdIsString
                ? null
                : new String(correlationId, StandardCharsets.UTF_8);
    }

    /**
     * Sets a string correlation id: stores its UTF-8 bytes and marks the id as a string.
     *
     * @param correlationId the id, or null for none
     */
    public void setCorrelationIdAsString(String correlationId) {
        this.correlationId = correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
        this.correlationIdIsString = true;
    }

    /** @return the destination the message was sent to, or null */
    public DestinationRef getDestination() {
        return destination;
    }

    /** @param destination the destination the message is sent to, or null */
    public void setDestination(DestinationRef destination) {
        this.destination = destination;
    }

    /** @return the JMSReplyTo, or null */
    public DestinationRef getReplyTo() {
        return replyTo;
    }

    /** @param replyTo the JMSReplyTo, or null */
    public void setReplyTo(DestinationRef replyTo) {
        this.replyTo = replyTo;
    }

    /**
     * @return the live property map, in insertion order; values are Boolean, Byte, Short, Integer, Long, Float,
     *         Double, String or null
     */
    public Map<String, Object> getProperties() {
        return properties;
    }

    /** @param properties the properties, copied into a new map; null means none */
    public void setProperties(Map<String, Object> properties) {
        this.properties = properties == null ? new LinkedHashMap<>() : new LinkedHashMap<>(properties);
    }

    /** @return the body bytes (format per body type), or null; not copied */
    public byte[] getBody() {
        return body;
    }

    /** @param body the body bytes (format per body type), or null; not copied */
    public void setBody(byte[] body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return "WireMessage[messageId=" + messageId + ", bodyType=" + bodyType + ", persistent=" + persistent
                + ", priority=" + priority + ", destination=" + destination + ", properties=" + properties.size()
                + ", body=" + (body == null ? "null" : body.length + " bytes") + "]";
    }
}
