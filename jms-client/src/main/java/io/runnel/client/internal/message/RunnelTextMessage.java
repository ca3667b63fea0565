package io.runnel.client.internal.message;

import java.nio.charset.StandardCharsets;

import io.runnel.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

/**
 * A message whose body is a String, sent as UTF-8.
 *
 * <p>Not thread-safe, like every JMS message.
 */
public class RunnelTextMessage extends RunnelMessage implements TextMessage {

    private String text;

    /** Creates a writable message with a null body. */
    public RunnelTextMessage() {
    }

    /**
     * @param text the body, or null
     */
    public RunnelTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
    }

    @Override
    protected int bodyType() {
        return WireMessage.BODY_TEXT;
    }

    @Override
    protected byte[] encodeBody() {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void decodeBody(byte[] body) {
        text = body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    protected Object bodyValue() {
        return text;
    }
}
