package io.runnel.protocol;

/**
 * Size limits of the wire protocol.
 *
 * <p>Constants only; thread-safe.
 */
public final class Limits {

    /**
     * Default bound on one frame, counted as Netty's {@code LengthFieldBasedFrameDecoder} counts it: the 4-byte length
     * prefix included, so the largest {@code length} field accepted is {@code DEFAULT_MAX_FRAME_SIZE - 4}.
     */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    /** Bytes of the frame header after the length prefix: type (1) + flags (1) + requestId (4). */
    public static final int HEADER_SIZE = 6;

    /** Bytes of the length prefix ahead of every frame. */
    public static final int LENGTH_FIELD_SIZE = 4;

    private Limits() {
    }
}
