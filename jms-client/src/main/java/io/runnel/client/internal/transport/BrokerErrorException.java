package io.runnel.client.internal.transport;

import io.runnel.protocol.ErrorCode;

/**
 * The broker answered a request with an {@code ErrorFrame}, or sent one with requestId 0 before closing the
 * connection.
 *
 * <p>Immutable once thrown.
 */
public class BrokerErrorException extends TransportException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code    the broker's error code
     * @param message the broker's message
     */
    public BrokerErrorException(ErrorCode code, String message) {
        super(message == null || message.isEmpty() ? code.name() : message);
        this.code = code;
    }

    /** @return the broker's error code */
    public ErrorCode code() {
        return code;
    }
}
