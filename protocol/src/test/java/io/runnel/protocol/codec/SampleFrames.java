package io.runnel.protocol.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.runnel.protocol.AckType;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.NoLeaks;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.PingFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.frame.SessionOpenFrame;
import io.runnel.protocol.message.WireMessage;

/** Builds frames of every type for the codec tests; each call returns fresh frames (payloads with refCnt 1). */
final class SampleFrames {

    private SampleFrames() {
    }

    static List<Frame> all() {
        return List.of(
                new ConnectFrame(1, 1, 1, "client-\u00e9\u20ac", "alice", "s3cret"),
                new ConnectFrame(1, 1, 3, null, null, null),
                new ConnectedFrame(1, 1, "broker-1", 42L),
                new ConnectedFrame(1, 1, null, Long.MIN_VALUE),
                new DisconnectFrame(2),
                new OkFrame(3),
                new ErrorFrame(4, ErrorCode.INVALID_SELECTOR, "bad selector"),
                new ErrorFrame(0, ErrorCode.FRAME_TOO_LARGE, null),
                new PingFrame(5),
                new SessionOpenFrame(6, 7, 2),
                new SessionCloseFrame(7, 7),
                new CommitFrame(8, 7),
                new RollbackFrame(9, 7),
                new SendFrame(10, 7, DestinationRef.queue("orders"), message("hello")),
                new SendFrame(0, 7, new DestinationRef(DestinationType.TEMP_TOPIC, "tmp.1"), NoLeaks.ALLOC.buffer(0)),
                new ConsumerOpenFrame(11, 7, 99L, DestinationRef.topic("prices"), "color = 'red'", true, null, 0,
                        100),
                new ConsumerOpenFrame(12, 7, 100L, new DestinationRef(DestinationType.TEMP_QUEUE, "tmp.q"), null,
                        false, "sub-1", ConsumerOpenFrame.SUBSCRIPTION_DURABLE | ConsumerOpenFrame.SUBSCRIPTION_SHARED,
                        0),
                new ConsumerCloseFrame(13, 99L, new long[] {1, 2, Long.MAX_VALUE}),
                new ConsumerCloseFrame(14, 100L, new long[0]),
                new CreditFrame(0, 99L, 50),
                new DeliverFrame(0, 99L, 123L, 2, message("world")),
                new AckFrame(15, 7, AckType.CONSUMED, new long[] {123L, 124L}),
                new AckFrame(0, 7, AckType.REDELIVER, new long[] {5L}),
                new AckFrame(16, 7, AckType.UNDELIVERED, new long[0]));
    }

    /** A real encoded message with a text body. */
    static ByteBuf message(String text) {
        WireMessage m = new WireMessage();
        m.setBodyType(WireMessage.BODY_TEXT);
        m.setPersistent(true);
        m.setMessageId("ID:" + text);
        m.setBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuf buf = NoLeaks.ALLOC.buffer(m.encodedSizeEstimate());
        m.encode(buf);
        return buf;
    }
}
