package io.runnel.protocol.frame;

import io.runnel.protocol.FrameType;

/**
 * One frame of the Runnel wire protocol (docs/protocol.md). Every frame starts with the same header; the body that
 * follows depends on the type and is drawn on each record.
 *
 * <pre>
 *  0                   4        5        6                   10
 *  +-------------------+--------+--------+-------------------+----------------------+
 *  | length : int32    | type   | flags  | requestId : int32 | body (type-specific) |
 *  +-------------------+--------+--------+-------------------+----------------------+
 *    length  = number of bytes after the length field (6 + body), checked against the
 *              maximum frame size before anything is allocated
 *    type    = {@link FrameType#code()}
 *    flags   = 0 in version 1, ignored on receipt
 *    requestId pairs a request with its answer; 0 = no answer wanted
 * </pre>
 *
 * <p>Frames are immutable records, safe to hand between threads, except that a {@link PayloadFrame} holds a
 * reference-counted {@code ByteBuf} whose owner must release it.
 */
public sealed interface Frame permits ConnectFrame, ConnectedFrame, DisconnectFrame, OkFrame, ErrorFrame, PingFrame,
        SessionOpenFrame, SessionCloseFrame, CommitFrame, RollbackFrame, ConsumerOpenFrame, ConsumerCloseFrame,
        CreditFrame, AckFrame, PayloadFrame {

    /**
     * @return the request id pairing a request with its answer; 0 when no answer is wanted
     */
    int requestId();

    /**
     * @return the type of this frame
     */
    FrameType type();
}
