package io.runnel.protocol.frame;

import io.netty.buffer.ByteBuf;

/**
 * A frame that carries one encoded message (the {@code message} field of docs/protocol.md: the rest of the frame).
 *
 * <p>Ownership: the message is a reference-counted {@code ByteBuf}.
 * <ul>
 *   <li>A frame produced by {@code FrameDecoder} holds a retained slice of the received bytes (no copy); whoever
 *       receives it from the pipeline owns that reference and must call {@link #release()} exactly once.</li>
 *   <li>Writing a frame does <b>not</b> consume the writer's reference: {@code FrameEncoder} emits its own retained
 *       slice of the message. The writer still releases its reference once the write has been handed to the
 *       channel, e.g. {@code channel.writeAndFlush(frame).addListener(f -> frame.release())}, or right after
 *       {@code write} when called on the channel's event loop (encoding then happens inside the call).</li>
 * </ul>
 *
 * <p>Not thread-safe as far as reference counting goes: retain/release follow the usual Netty rules.
 */
public sealed interface PayloadFrame extends Frame permits SendFrame, DeliverFrame {

    /**
     * @return the encoded message (docs/protocol.md, "The message wire format"); its readable bytes are the message
     */
    ByteBuf message();

    /** Releases one reference to the message. */
    default void release() {
        message().release();
    }

    /**
     * Adds one reference to the message, to be released separately.
     *
     * @return this frame
     */
    default PayloadFrame retain() {
        message().retain();
        return this;
    }
}
