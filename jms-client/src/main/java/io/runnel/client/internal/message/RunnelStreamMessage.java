package io.runnel.client.internal.message;

import java.util.ArrayList;
import java.util.List;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;

/**
 * A message whose body is a sequence of typed values, read back in order with the conversions of
 * {@link TypeConversion}. Write-only until {@link #reset()}, then read-only until {@link #clearBody()}.
 *
 * <p>A read that fails with {@link MessageFormatException}, {@link NumberFormatException} or
 * {@link NullPointerException} leaves the position where it was. A byte array is read with one or more
 * {@link #readBytes(byte[])} calls; until that is finished, another read method throws
 * {@link MessageFormatException}. A received body is decoded on first access.
 *
 * <p>Not thread-safe, like every JMS message.
 */
public class RunnelStreamMessage extends RunnelMessage implements StreamMessage {

    private List<Object> items = new ArrayList<>();
    /** A received body not decoded yet, else null. */
    private byte[] undecoded;
    /** Index of the next item to read. */
    private int position;
    /** Bytes already returned from the byte array at {@link #position}, or -1 when none is being read. */
    private int bytesRead = -1;

    /** Creates an empty message in write mode. */
    public RunnelStreamMessage() {
    }

    @Override
    protected int bodyType() {
        return WireMessage.BODY_STREAM;
    }

    @Override
    protected byte[] encodeBody() throws JMSException {
        return TypedBodyCodec.encodeStream(items());
    }

    @Override
    protected void decodeBody(byte[] body) {
        items = new ArrayList<>();
        undecoded = body;
        rewind();
        setBodyReadOnly(true);
    }

    @Override
    protected Object bodyValue() throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be read with getBody");
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        items = new ArrayList<>();
        undecoded = null;
        rewind();
    }

    @Override
    public void reset() {
        rewind();
        setBodyReadOnly(true);
    }

    private void rewind() {
        position = 0;
        bytesRead = -1;
    }

    private List<Object> items() throws JMSException {
        if (undecoded != null) {
            items = TypedBodyCodec.decodeStream(undecoded);
            undecoded = null;
        }
        return items;
    }

    // ---------------------------------------------------------------- reading

    /** Returns the next value without moving on; checks the read rules. */
    private Object peek() throws JMSException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message body is write-only; call reset() first");
        }
        if (bytesRead >= 0) {
            throw new MessageFormatException("a byte array is partly read; finish it with readBytes first");
        }
        List<Object> all = items();
        if (position >= all.size()) {
            throw new MessageEOFException("end of the stream message body");
        }
        return all.get(position);
    }

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = TypeConversion.toBoolean(peek());
        position++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = TypeConversion.toByte(peek());
        position++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = TypeConversion.toShort(peek());
        position++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = TypeConversion.toChar(peek());
        position++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = TypeConversion.toInt(peek());
        position++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = TypeConversion.toLong(peek());
        position++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = TypeConversion.toFloat(peek());
        position++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = TypeConversion.toDouble(peek());
        position++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = TypeConversion.toStringValue(peek());
        position++;
        return value;
    }

    @Override
    public Object readObject() throws JMSException {
        Object value = peek();
        position++;
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        if (bytesRead < 0) {
            Object next = peek();
            if (next == null) {
                position++;
                return -1;
            }
            if (!(next instanceof byte[])) {
                throw new MessageFormatException("the next value is a " + next.getClass().getSimpleName()
                        + ", not a byte array");
            }
            bytesRead = 0;
        }
        byte[] field = (byte[]) items().get(position);
        int remaining = field.length - bytesRead;
        if (remaining == 0 && bytesRead > 0) {
            finishBytes();
            return -1;
        }
        int n = Math.min(remaining, value.length);
        System.arraycopy(field, bytesRead, value, 0, n);
        bytesRead += n;
        if (n < value.length || field.length == 0) {
            finishBytes();
        }
        return n;
    }

    private void finishBytes() {
        bytesRead = -1;
        position++;
    }

    // ---------------------------------------------------------------- writing

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        items().add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        add(copy);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (!TypeConversion.isBodyType(value)) {
            throw new MessageFormatException("a StreamMessage cannot hold a " + value.getClass().getName());
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }
}
