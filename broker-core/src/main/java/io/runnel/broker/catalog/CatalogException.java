package io.runnel.broker.catalog;

import io.runnel.protocol.ErrorCode;

/** A catalogue request refused for a reason the client must hear, with the protocol error code to answer. */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorCode code;

    public CatalogException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
