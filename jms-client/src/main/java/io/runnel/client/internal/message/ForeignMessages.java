package io.runnel.client.internal.message;

import java.util.Enumeration;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

/**
 * Copies a message of another JMS provider into the Runnel message of the same kind, so that it can be sent
 * (Jakarta Messaging 3.1 §3.12: a provider must send messages it did not create). Headers the producer sets on
 * sending are not copied; they are set on both messages by the producer.
 *
 * <p>Stateless and thread-safe (the foreign message itself is used by one thread).
 */
public final class ForeignMessages {

    private ForeignMessages() {
    }

    /**
     * @param foreign a message of another provider
     * @return a writable Runnel copy of its body, properties, correlation id, type and reply-to
     * @throws JMSException if the foreign message cannot be read
     */
    public static RunnelMessage copy(Message foreign) throws JMSException {
        RunnelMessage copy;
        if (foreign instanceof TextMessage text) {
            copy = new RunnelTextMessage(text.getText());
        } else if (foreign instanceof BytesMessage bytes) {
            copy = copyBytes(bytes);
        } else if (foreign instanceof MapMessage map) {
            copy = copyMap(map);
        } else if (foreign instanceof StreamMessage stream) {
            copy = copyStream(stream);
        } else if (foreign instanceof ObjectMessage object) {
            RunnelObjectMessage objectCopy = new RunnelObjectMessage();
            objectCopy.setObject(object.getObject());
            copy = objectCopy;
        } else {
            copy = new RunnelMessage();
        }
        byte[] correlationBytes = null;
        try {
            correlationBytes = foreign.getJMSCorrelationIDAsBytes();
        } catch (UnsupportedOperationException | JMSException e) {
            // some providers only support string correlation ids; the string form is used below
        }
        String correlationId = foreign.getJMSCorrelationID();
        if (correlationId != null) {
            copy.setJMSCorrelationID(correlationId);
        } else if (correlationBytes != null) {
            copy.setJMSCorrelationIDAsBytes(correlationBytes);
        }
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSReplyTo(foreign.getJMSReplyTo());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return copy;
    }

    private static RunnelMessage copyBytes(BytesMessage bytes) throws JMSException {
        RunnelBytesMessage copy = new RunnelBytesMessage();
        bytes.reset();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = bytes.readBytes(buffer)) > 0) {
            copy.writeBytes(buffer, 0, n);
        }
        bytes.reset();
        return copy;
    }

    private static RunnelMessage copyMap(MapMessage map) throws JMSException {
        RunnelMapMessage copy = new RunnelMapMessage();
        Enumeration<?> names = map.getMapNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObject(name, map.getObject(name));
        }
        return copy;
    }

    private static RunnelMessage copyStream(StreamMessage stream) throws JMSException {
        RunnelStreamMessage copy = new RunnelStreamMessage();
        stream.reset();
        while (true) {
            Object value;
            try {
                value = stream.readObject();
            } catch (MessageEOFException e) {
                break;
            }
            copy.writeObject(value);
        }
        stream.reset();
        return copy;
    }
}
