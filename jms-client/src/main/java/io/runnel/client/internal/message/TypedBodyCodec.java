package io.runnel.client.internal.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.codec.Wire;
import io.runnel.protocol.message.TypedValues;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/**
 * Encodes and decodes the bodies of map and stream messages with the tagged values of the protocol
 * ({@link TypedValues}).
 *
 * <pre>
 *  map body:    +-------------+----------------------------------------------+
 *               | count int32 | count x (string name, int8 tag, value)       |
 *               +-------------+----------------------------------------------+
 *  stream body: +----------------------------------------+
 *               | (int8 tag, value) ... to the end       |
 *               +----------------------------------------+
 *  tags: 0 null, 1 boolean, 2 byte, 3 short, 4 int, 5 long, 6 float, 7 double, 8 string, 9 bytes, 10 char
 * </pre>
 *
 * <p>Design note: this is the only class of the message package that touches Netty, and only heap buffers that
 * never leave it, so that the codec of the protocol module stays the single definition of the format.
 *
 * <p>Stateless and thread-safe.
 */
final class TypedBodyCodec {

    private TypedBodyCodec() {
    }

    static byte[] encodeMap(Map<String, Object> map) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeInt(map.size());
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                Wire.writeString(buf, entry.getKey());
                TypedValues.writeTagged(buf, entry.getValue());
            }
            return toArray(buf);
        } finally {
            buf.release();
        }
    }

    static Map<String, Object> decodeMap(byte[] body) throws JMSException {
        Map<String, Object> map = new LinkedHashMap<>();
        if (body == null) {
            return map;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        try {
            Wire.requireReadable(buf, Integer.BYTES, "map entry count");
            int count = buf.readInt();
            if (count < 0) {
                throw Wire.malformed("negative map entry count " + count);
            }
            for (int i = 0; i < count; i++) {
                String name = Wire.readString(buf);
                map.put(name, TypedValues.readTagged(buf));
            }
            if (buf.isReadable()) {
                throw Wire.malformed(buf.readableBytes() + " bytes left after the map entries");
            }
            return map;
        } catch (ProtocolException e) {
            throw malformed("map", e);
        } finally {
            buf.release();
        }
    }

    static byte[] encodeStream(List<Object> items) {
        ByteBuf buf = Unpooled.buffer();
        try {
            for (Object item : items) {
                TypedValues.writeTagged(buf, item);
            }
            return toArray(buf);
        } finally {
            buf.release();
        }
    }

    static List<Object> decodeStream(byte[] body) throws JMSException {
        List<Object> items = new ArrayList<>();
        if (body == null) {
            return items;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        try {
            while (buf.isReadable()) {
                items.add(TypedValues.readTagged(buf));
            }
            return items;
        } catch (ProtocolException e) {
            throw malformed("stream", e);
        } finally {
            buf.release();
        }
    }

    private static byte[] toArray(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static MessageFormatException malformed(String kind, ProtocolException cause) {
        MessageFormatException e = new MessageFormatException("malformed " + kind + " message body: "
                + cause.getMessage());
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
