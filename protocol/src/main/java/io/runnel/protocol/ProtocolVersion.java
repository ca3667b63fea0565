package io.runnel.protocol;

/**
 * The protocol versions this build speaks. A client offers {@code [MIN, MAX]} in its {@code ConnectFrame}; the
 * broker picks the highest version both speak (docs/protocol.md, "Connection life").
 *
 * <p>Constants only; thread-safe.
 */
public final class ProtocolVersion {

    /** Lowest protocol version this build speaks. */
    public static final int MIN = 1;

    /** Highest protocol version this build speaks. */
    public static final int MAX = 1;

    private ProtocolVersion() {
    }
}
