package io.runnel.client.internal.transport;

import io.runnel.protocol.message.WireMessage;

/**
 * One message pushed by the broker ({@code DeliverFrame}), already decoded so that the façade never handles a
 * Netty buffer.
 *
 * @param consumerId    the consumer it is for
 * @param deliveryId    names this delivery in acknowledgements
 * @param deliveryCount JMSXDeliveryCount (1 for a first delivery)
 * @param message       the decoded message; owned by whoever takes the delivery
 */
public record InboundDelivery(long consumerId, long deliveryId, int deliveryCount, WireMessage message) {
}
