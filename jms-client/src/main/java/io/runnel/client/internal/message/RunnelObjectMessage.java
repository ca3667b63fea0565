package io.runnel.client.internal.message;

import java.io.Serializable;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

/**
 * A message whose body is a serialized Java object. The object is serialized when it is set (so later changes to
 * it do not affect the message) and deserialized, through the allow-list of {@link ObjectSerialization}, at each
 * {@link #getObject()}.
 *
 * <p>Not thread-safe, like every JMS message.
 */
public class RunnelObjectMessage extends RunnelMessage implements ObjectMessage {

    private byte[] serialized;

    /** Creates a writable message with a null body. */
    public RunnelObjectMessage() {
    }

    @Override
    protected int bodyType() {
        return WireMessage.BODY_OBJECT;
    }

    @Override
    protected byte[] encodeBody() {
        return serialized;
    }

    @Override
    protected void decodeBody(byte[] body) {
        serialized = body;
    }

    @Override
    protected Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = ObjectSerialization.serialize(object);
    }

    /**
     * @return a new copy of the object, or null
     * @throws MessageFormatException if it does not deserialize, or its class is not on the allow-list
     */
    @Override
    public Serializable getObject() throws JMSException {
        return ObjectSerialization.deserialize(serialized);
    }
}
