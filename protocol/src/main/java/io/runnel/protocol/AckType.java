package io.runnel.protocol;

/**
 * What an {@code AckFrame} asks the broker to do with the deliveries it names (docs/protocol.md, "Consuming").
 *
 * <p>Immutable; thread-safe.
 */
public enum AckType {
    /** The application consumed these deliveries: acknowledge them (in a transacted session: on commit). */
    CONSUMED(1),
    /** Put them back; they reached the application, so their delivery count rises (recover). */
    REDELIVER(2),
    /** Put them back; they never reached the application (prefetched), so their delivery count stays. */
    UNDELIVERED(3);

    private static final AckType[] VALUES = values();

    private final int code;

    AckType(int code) {
        this.code = code;
    }

    /**
     * @return the code of this type on the wire (int8)
     */
    public int code() {
        return code;
    }

    /**
     * @param code an ack type code as read from the wire
     * @return the type with that code, or {@code null} if the code is unknown
     */
    public static AckType fromCode(int code) {
        for (AckType t : VALUES) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
