package io.runnel.protocol;

/**
 * The frame type codes of docs/protocol.md ("Frames"): the first byte after the length prefix.
 *
 * <p>Immutable; thread-safe.
 */
public enum FrameType {
    /** Client opens a connection ({@code ConnectFrame}). */
    CONNECT(0x01),
    /** Broker accepts a connection ({@code ConnectedFrame}). */
    CONNECTED(0x02),
    /** Client leaves ({@code DisconnectFrame}). */
    DISCONNECT(0x03),
    /** A request succeeded ({@code OkFrame}). */
    OK(0x04),
    /** A request failed, or the broker closes ({@code ErrorFrame}). */
    ERROR(0x05),
    /** Keep-alive ({@code PingFrame}). */
    PING(0x06),
    /** Opens a session ({@code SessionOpenFrame}). */
    SESSION_OPEN(0x10),
    /** Closes a session ({@code SessionCloseFrame}). */
    SESSION_CLOSE(0x11),
    /** Commits a transacted session ({@code CommitFrame}). */
    COMMIT(0x12),
    /** Rolls back a transacted session ({@code RollbackFrame}). */
    ROLLBACK(0x13),
    /** Sends a message ({@code SendFrame}). */
    SEND(0x20),
    /** Creates a consumer ({@code ConsumerOpenFrame}). */
    CONSUMER_OPEN(0x30),
    /** Closes a consumer ({@code ConsumerCloseFrame}). */
    CONSUMER_CLOSE(0x31),
    /** Grants a consumer more messages ({@code CreditFrame}). */
    CREDIT(0x32),
    /** Pushes a message to a consumer ({@code DeliverFrame}). */
    DELIVER(0x33),
    /** Acknowledges or puts back deliveries ({@code AckFrame}). */
    ACK(0x34);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /**
     * @return the code of this type on the wire (one unsigned byte)
     */
    public int code() {
        return code;
    }

    /**
     * @param code a type code as read from the wire
     * @return the frame type with that code, or {@code null} if the code is unknown
     */
    public static FrameType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
