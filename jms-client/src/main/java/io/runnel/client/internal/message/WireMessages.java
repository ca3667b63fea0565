package io.runnel.client.internal.message;

import io.runnel.protocol.message.WireMessage;

/**
 * Turns a received {@link WireMessage} into the JMS message of its body type.
 *
 * <p>Stateless and thread-safe.
 */
public final class WireMessages {

    private WireMessages() {
    }

    /**
     * @param wire          the received message
     * @param deliveryCount the delivery's count (JMSXDeliveryCount; JMSRedelivered is {@code deliveryCount > 1})
     * @param acknowledger  what {@code Message.acknowledge()} calls, or null
     * @return a message with read-only properties and body
     */
    public static RunnelMessage fromWire(WireMessage wire, int deliveryCount, MessageAcknowledger acknowledger) {
        RunnelMessage message = switch (wire.getBodyType()) {
            case WireMessage.BODY_TEXT -> new RunnelTextMessage();
            case WireMessage.BODY_BYTES -> new RunnelBytesMessage();
            case WireMessage.BODY_MAP -> new RunnelMapMessage();
            case WireMessage.BODY_STREAM -> new RunnelStreamMessage();
            case WireMessage.BODY_OBJECT -> new RunnelObjectMessage();
            default -> new RunnelMessage();
        };
        message.populateFromWire(wire, deliveryCount, acknowledger);
        return message;
    }
}
