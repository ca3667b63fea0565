package io.runnel.protocol;

import java.util.Objects;

/**
 * A violation of the wire protocol: a malformed body ({@link ErrorCode#PROTOCOL_ERROR}), an unknown frame type
 * ({@link ErrorCode#UNKNOWN_FRAME}), a frame too large to send ({@link ErrorCode#FRAME_TOO_LARGE}).
 *
 * <p>Thrown by the decoders of this module. Inside a Netty pipeline, {@code MessageToMessageDecoder} wraps it in a
 * {@code DecoderException} (and the encoder's in an {@code EncoderException}), so a handler's
 * {@code exceptionCaught} finds it as the cause; {@link #find(Throwable)} does that walk.
 *
 * <p>Immutable; thread-safe.
 */
public final class ProtocolException extends RuntimeException {

    /** Serialization version of this class. */
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code    the error to report to the peer
     * @param message what was wrong, for the log and the {@code ErrorFrame}
     */
    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * @param code    the error to report to the peer
     * @param message what was wrong, for the log and the {@code ErrorFrame}
     * @param cause   the underlying failure
     */
    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * @return the error code to report to the peer
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Finds a {@code ProtocolException} in a chain of causes, e.g. inside the {@code DecoderException} Netty wraps it
     * in.
     *
     * @param t a throwable, may be null
     * @return the first {@code ProtocolException} among {@code t} and its causes, or {@code null}
     */
    public static ProtocolException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProtocolException) {
                return (ProtocolException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
