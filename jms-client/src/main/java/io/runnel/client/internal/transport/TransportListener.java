package io.runnel.client.internal.transport;

/**
 * Receives what the broker pushes and the loss of the connection.
 *
 * <p>Threading: both methods are called on the transport's I/O thread, one call at a time, in the order events
 * happen. They must not block (no waiting on a request answer); hand work to other threads instead.
 */
public interface TransportListener {

    /**
     * A message for a consumer arrived.
     *
     * @param delivery the delivery; the listener owns it
     */
    void onDelivery(InboundDelivery delivery);

    /**
     * The connection was lost (not closed by {@link ClientTransport#close()}); called at most once, after every
     * pending request has been failed with the same cause.
     *
     * @param cause why: a {@link BrokerErrorException} if the broker said why before closing
     */
    void onConnectionLost(TransportException cause);
}
