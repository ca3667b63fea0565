package io.runnel.client.internal.transport;

/**
 * A failure of the transport: the connection could not be made, was lost or closed, or a write failed. The façade
 * turns it into a {@code JMSException} (see {@code ExceptionSupport}).
 *
 * <p>Immutable once thrown.
 */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public TransportException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
