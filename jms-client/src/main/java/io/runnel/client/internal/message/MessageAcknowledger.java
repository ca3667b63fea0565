package io.runnel.client.internal.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} calls on a received message: the receiving session's
 * acknowledgement of everything it has delivered so far (CLIENT_ACKNOWLEDGE), or nothing in the other modes.
 *
 * <p>Implementations are called on the application's thread and must be thread-safe.
 */
@FunctionalInterface
public interface MessageAcknowledger {

    /**
     * Acknowledges the messages the session has delivered so far.
     *
     * @throws JMSException                 if the acknowledgement fails
     * @throws jakarta.jms.IllegalStateException if the session or its connection is closed
     */
    void acknowledge() throws JMSException;
}
