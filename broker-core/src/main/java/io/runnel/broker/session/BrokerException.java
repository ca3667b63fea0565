package io.runnel.broker.session;

import io.runnel.protocol.ErrorCode;

/** A request refused with a protocol error code; the message is sent to the client as it is. */
public final class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
