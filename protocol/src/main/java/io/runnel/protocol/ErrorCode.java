package io.runnel.protocol;

/**
 * Error codes carried by {@code ErrorFrame} and {@link ProtocolException} (docs/protocol.md, "Error codes"). The
 * client maps each to a JMS exception.
 *
 * <p>Immutable; thread-safe.
 */
public enum ErrorCode {
    /** Malformed or out-of-order frame; the connection closes. */
    PROTOCOL_ERROR(1),
    /** No protocol version in common. */
    UNSUPPORTED_VERSION(2),
    /** Authentication or authorization failed. */
    SECURITY(3),
    /** Unknown or invalid destination. */
    INVALID_DESTINATION(4),
    /** The message selector does not parse. */
    INVALID_SELECTOR(5),
    /** The client id is invalid or already in use. */
    INVALID_CLIENT_ID(6),
    /** A commit failed and the transaction was rolled back. */
    TRANSACTION_ROLLED_BACK(7),
    /** The request is not allowed in the current state. */
    ILLEGAL_STATE(8),
    /** The broker lacks a resource (memory, disk). */
    RESOURCE_ALLOCATION(9),
    /** Anything else, and any code this build does not know. */
    INTERNAL_ERROR(10),
    /** A frame exceeds the maximum frame size; the connection closes. */
    FRAME_TOO_LARGE(11),
    /** An unknown frame type; the connection closes. */
    UNKNOWN_FRAME(12),
    /** A feature this broker version does not offer. */
    NOT_SUPPORTED(13);

    private static final ErrorCode[] VALUES = values();

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /**
     * @return the code of this error on the wire (int32)
     */
    public int code() {
        return code;
    }

    /**
     * @param code an error code as read from the wire
     * @return the error with that code; {@link #INTERNAL_ERROR} if the code is unknown (a newer peer's error is
     *         still an error)
     */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode c : VALUES) {
            if (c.code == code) {
                return c;
            }
        }
        return INTERNAL_ERROR;
    }
}
