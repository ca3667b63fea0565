package io.runnel.client.internal.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.runnel.protocol.message.WireMessage;
import jakarta.jms.JMSException;

/** Sends a message through its real wire encoding and back, as a consumer would receive it. */
final class WireRoundTrip {

    private WireRoundTrip() {
    }

    static RunnelMessage receive(RunnelMessage sent) throws JMSException {
        return receive(sent, 1, null);
    }

    @SuppressWarnings("unchecked")
    static <T extends RunnelMessage> T receive(T sent, int deliveryCount, MessageAcknowledger acknowledger)
            throws JMSException {
        ByteBuf buf = Unpooled.buffer();
        try {
            sent.toWire().encode(buf);
            return (T) WireMessages.fromWire(WireMessage.decode(buf), deliveryCount, acknowledger);
        } finally {
            buf.release();
        }
    }
}
