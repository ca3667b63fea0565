package io.runnel.protocol.frame;

import java.util.Objects;

import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.FrameType;

/**
 * Broker to client, code 0x05: the request with the same {@code requestId} failed; with {@code requestId = 0}, the
 * broker is about to close the connection for a reason of its own.
 *
 * <pre>
 *  10                  14
 *  +-------------------+----------------+
 *  | errorCode int32   | string message |
 *  +-------------------+----------------+
 *    errorCode = {@link ErrorCode#code()}; an unknown code reads as INTERNAL_ERROR
 * </pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param requestId the id of the request answered, or 0
 * @param code      what went wrong, never null
 * @param message   a description for humans, may be null
 */
public record ErrorFrame(int requestId, ErrorCode code, String message) implements Frame {

    /**
     * @param requestId as on the record
     * @param code as on the record
     * @param message as on the record
     * @throws NullPointerException if {@code code} is null
     */
    public ErrorFrame {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public FrameType type() {
        return FrameType.ERROR;
    }
}
