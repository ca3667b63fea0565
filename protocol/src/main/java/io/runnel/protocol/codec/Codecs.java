package io.runnel.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.runnel.protocol.Limits;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.PayloadFrame;

/**
 * Builds the frame codec of a channel, the same on the client and the broker:
 *
 * <pre>
 *  inbound:  "frame-length"  LengthFieldBasedFrameDecoder(maxFrameSize, 0, 4, 0, 4)  cuts frames, strips the prefix,
 *                            rejects a too-large length before allocating (TooLongFrameException, fail fast)
 *        --&gt; "frame-decoder" FrameDecoder                                               ByteBuf --&gt; Frame
 *  outbound: "frame-encoder" FrameEncoder                                               Frame --&gt; ByteBuf(s)
 * </pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class Codecs {

    /** Pipeline name of the {@code LengthFieldBasedFrameDecoder}. */
    public static final String FRAME_LENGTH = "frame-length";

    /** Pipeline name of the {@link FrameDecoder}. */
    public static final String FRAME_DECODER = "frame-decoder";

    /** Pipeline name of the {@link FrameEncoder}. */
    public static final String FRAME_ENCODER = "frame-encoder";

    private Codecs() {
    }

    /**
     * Adds the frame codec at the end of a pipeline, under the names {@link #FRAME_LENGTH}, {@link #FRAME_DECODER}
     * and {@link #FRAME_ENCODER}. Handlers added afterwards receive {@link Frame}s and write {@link Frame}s.
     *
     * @param p            the channel's pipeline
     * @param maxFrameSize the largest frame accepted or sent, length prefix included (e.g.
     *                     {@link Limits#DEFAULT_MAX_FRAME_SIZE})
     */
    public static void addFrameCodec(ChannelPipeline p, int maxFrameSize) {
        p.addLast(FRAME_LENGTH, frameLengthDecoder(maxFrameSize));
        p.addLast(FRAME_DECODER, new FrameDecoder());
        p.addLast(FRAME_ENCODER, new FrameEncoder(maxFrameSize));
    }

    /**
     * @param maxFrameSize the largest frame accepted, length prefix included
     * @return a new framing decoder: 4-byte length prefix at offset 0, stripped, fail fast
     */
    public static LengthFieldBasedFrameDecoder frameLengthDecoder(int maxFrameSize) {
        return new LengthFieldBasedFrameDecoder(maxFrameSize, 0, Limits.LENGTH_FIELD_SIZE, 0,
                Limits.LENGTH_FIELD_SIZE);
    }

    /**
     * Encodes a frame into its wire bytes, length prefix included, without a pipeline (for tests and tools).
     *
     * @param f the frame; for a payload frame the caller keeps its reference to the message (the result holds its
     *          own, as a retained slice)
     * @param a where the buffer comes from
     * @return the frame's bytes, owned by the caller (a composite buffer for payload frames)
     */
    public static ByteBuf encode(Frame f, ByteBufAllocator a) {
        ByteBuf header = FrameEncoder.encodeHeader(f, a, Integer.MAX_VALUE);
        if (!(f instanceof PayloadFrame)) {
            return header;
        }
        CompositeByteBuf whole = a.compositeBuffer(2);
        whole.addComponent(true, header);
        whole.addComponent(true, ((PayloadFrame) f).message().retainedSlice());
        return whole;
    }
}
