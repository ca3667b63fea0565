package io.runnel.client.internal.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

/**
 * A message whose body is a set of name-value pairs, read back with the conversions of {@link TypeConversion}.
 * A received body is decoded on first access, so that a malformed body fails that access with a
 * {@link MessageFormatException} rather than the delivery.
 *
 * <p>Not thread-safe, like every JMS message.
 */
public class RunnelMapMessage extends RunnelMessage implements MapMessage {

    private Map<String, Object> map = new LinkedHashMap<>();
    /** A received body not decoded yet, else null. */
    private byte[] undecoded;

    /** Creates a writable message with an empty map. */
    public RunnelMapMessage() {
    }

    @Override
    protected int bodyType() {
        return WireMessage.BODY_MAP;
    }

    @Override
    protected byte[] encodeBody() throws JMSException {
        return TypedBodyCodec.encodeMap(map());
    }

    @Override
    protected void decodeBody(byte[] body) {
        map = new LinkedHashMap<>();
        undecoded = body;
    }

    @Override
    protected Object bodyValue() throws JMSException {
        Map<String, Object> current = map();
        return current.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(current));
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        map = new LinkedHashMap<>();
        undecoded = null;
    }

    private Map<String, Object> map() throws JMSException {
        if (undecoded != null) {
            map = TypedBodyCodec.decodeMap(undecoded);
            undecoded = null;
        }
        return map;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversion.toBoolean(map().get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversion.toByte(map().get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversion.toShort(map().get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversion.toChar(map().get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversion.toInt(map().get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversion.toLong(map().get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversion.toFloat(map().get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversion.toDouble(map().get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversion.toStringValue(map().get(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return TypeConversion.toBytes(map().get(name));
    }

    @Override
    public Object getObject(String name) throws JMSException {
        Object value = map().get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() throws JMSException {
        return Collections.enumeration(new ArrayList<>(map().keySet()));
    }

    @Override
    public boolean itemExists(String name) throws JMSException {
        return map().containsKey(name);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!TypeConversion.isBodyType(value)) {
            throw new MessageFormatException("a MapMessage cannot hold a " + value.getClass().getName());
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    private void put(String name, Object value) throws JMSException {
        checkBodyWritable();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("map entry name is null or empty");
        }
        map().put(name, value);
    }
}
