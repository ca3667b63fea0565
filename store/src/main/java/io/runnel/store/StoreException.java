package io.runnel.store;

import java.io.IOException;

/**
 * The data on disk is not what the store wrote, in a way it cannot repair by itself: a segment missing in the
 * middle of a log, a corrupt batch in a sealed segment, an index pointing at no batch. Also thrown when a log is
 * used after it was closed or after an fsync failed.
 */
public class StoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong, and where
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception.
     *
     * @param message what is wrong, and where
     * @param cause   the failure behind it
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
