package io.runnel.client.internal.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read with {@code java.io.DataOutput} /
 * {@code DataInput} encodings. Write-only until {@link #reset()}, then read-only until {@link #clearBody()}; a
 * received message is read-only and positioned at the start.
 *
 * <p>Not thread-safe, like every JMS message.
 */
public class RunnelBytesMessage extends RunnelMessage implements BytesMessage {

    /** The body being written (write mode), else null. */
    private ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
    private DataOutputStream dataOut = new DataOutputStream(bytesOut);
    /** The body being read (read mode), else null. */
    private byte[] content;
    private DataInputStream dataIn;

    /** Creates an empty message in write mode. */
    public RunnelBytesMessage() {
    }

    @Override
    protected int bodyType() {
        return WireMessage.BODY_BYTES;
    }

    @Override
    protected byte[] encodeBody() {
        return bytesOut != null ? bytesOut.toByteArray() : content;
    }

    @Override
    protected void decodeBody(byte[] body) {
        bytesOut = null;
        dataOut = null;
        content = body == null ? new byte[0] : body;
        dataIn = new DataInputStream(new ByteArrayInputStream(content));
        setBodyReadOnly(true);
    }

    @Override
    protected Object bodyValue() {
        reset();
        byte[] all = content.clone();
        reset();
        return all.length == 0 ? null : all;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        bytesOut = new ByteArrayOutputStream();
        dataOut = new DataOutputStream(bytesOut);
        content = null;
        dataIn = null;
    }

    @Override
    public void reset() {
        if (bytesOut != null) {
            content = bytesOut.toByteArray();
            bytesOut = null;
            dataOut = null;
        }
        dataIn = new DataInputStream(new ByteArrayInputStream(content));
        setBodyReadOnly(true);
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return content.length;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public boolean readBoolean() throws JMSException {
        checkReadable();
        try {
            return dataIn.readBoolean();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public byte readByte() throws JMSException {
        checkReadable();
        try {
            return dataIn.readByte();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        checkReadable();
        try {
            return dataIn.readUnsignedByte();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public short readShort() throws JMSException {
        checkReadable();
        try {
            return dataIn.readShort();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        checkReadable();
        try {
            return dataIn.readUnsignedShort();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public char readChar() throws JMSException {
        checkReadable();
        try {
            return dataIn.readChar();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public int readInt() throws JMSException {
        checkReadable();
        try {
            return dataIn.readInt();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public long readLong() throws JMSException {
        checkReadable();
        try {
            return dataIn.readLong();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public float readFloat() throws JMSException {
        checkReadable();
        try {
            return dataIn.readFloat();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public double readDouble() throws JMSException {
        checkReadable();
        try {
            return dataIn.readDouble();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public String readUTF() throws JMSException {
        checkReadable();
        try {
            return dataIn.readUTF();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is not within 0.." + value.length);
        }
        checkReadable();
        try {
            return dataIn.read(value, 0, length);
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeBoolean(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeByte(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeShort(short value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeShort(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeChar(char value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeChar(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeInt(int value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeInt(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeLong(long value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeLong(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeFloat(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeDouble(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.writeUTF(value);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        try {
            dataOut.write(value, offset, length);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject(null)");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("cannot write a " + value.getClass().getName() + " to a BytesMessage");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message body is write-only; call reset() first");
        }
    }

    private static JMSException readFailure(IOException e) {
        JMSException failure;
        if (e instanceof EOFException) {
            failure = new MessageEOFException("unexpected end of the message body");
        } else if (e instanceof UTFDataFormatException) {
            failure = new MessageFormatException("malformed UTF string in the message body");
        } else {
            failure = new JMSException("cannot read the message body: " + e.getMessage());
        }
        failure.setLinkedException(e);
        failure.initCause(e);
        return failure;
    }

    private static JMSException writeFailure(IOException e) {
        JMSException failure = e instanceof UTFDataFormatException
                ? new MessageFormatException("string too long for writeUTF (more than 65535 UTF-8 bytes)")
                : new JMSException("cannot write the message body: " + e.getMessage());
        failure.setLinkedException(e);
        failure.initCause(e);
        return failure;
    }
}
