package io.runnel.protocol;

/**
 * The kinds of destination of docs/protocol.md ({@code dest} field encoding). Kind 0 (null) has no constant.
 *
 * <p>Immutable; thread-safe.
 */
public enum DestinationType {
    /** A queue. */
    QUEUE(1),
    /** A topic. */
    TOPIC(2),
    /** A temporary queue, living as long as its connection. */
    TEMP_QUEUE(3),
    /** A temporary topic, living as long as its connection. */
    TEMP_TOPIC(4);

    private static final DestinationType[] VALUES = values();

    private final int code;

    DestinationType(int code) {
        this.code = code;
    }

    /**
     * @return the kind byte of this type on the wire
     */
    public int code() {
        return code;
    }

    /**
     * @param code a kind byte as read from the wire
     * @return the type with that code, or {@code null} if the code is unknown (including 0, the null destination)
     */
    public static DestinationType fromCode(int code) {
        for (DestinationType t : VALUES) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /**
     * @return true for {@link #QUEUE} and {@link #TEMP_QUEUE} (point-to-point), false for topics
     */
    public boolean isQueue() {
        return this == QUEUE || this == TEMP_QUEUE;
    }

    /**
     * @return true for {@link #TEMP_QUEUE} and {@link #TEMP_TOPIC}
     */
    public boolean isTemporary() {
        return this == TEMP_QUEUE || this == TEMP_TOPIC;
    }
}
