package io.runnel.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.Limits;
import io.runnel.protocol.ProtocolVersion;
import io.runnel.protocol.codec.Codecs;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.PayloadFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.message.WireMessage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client that speaks raw frames to a broker over a plain socket: it can send exactly the bytes a
 * test wants (garbage, truncated frames) and reads answers through the real frame decoder.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final EmbeddedChannel decoder = new EmbeddedChannel();
    private int nextRequestId = 1;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        Codecs.addFrameCodec(decoder.pipeline(), Limits.DEFAULT_MAX_FRAME_SIZE);
    }

    int nextRequestId() {
        return nextRequestId++;
    }

    ConnectedFrame connect() throws IOException {
        send(new ConnectFrame(nextRequestId(), ProtocolVersion.MIN, ProtocolVersion.MAX, null, null, null));
        return (ConnectedFrame) read();
    }

    void send(Frame frame) throws IOException {
        ByteBuf buf = Codecs.encode(frame, ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            buf.release();
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next frame; payload frames must be released by the caller. */
    Frame read() throws IOException {
        while (true) {
            Object frame = decoder.readInbound();
            if (frame != null) {
                return (Frame) frame;
            }
            byte[] chunk = new byte[8192];
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException("the broker closed the connection");
            }
            decoder.writeInbound(Unpooled.wrappedBuffer(chunk, 0, n));
        }
    }

    /** True when the broker closes the connection within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f instanceof PayloadFrame p) {
                    p.release();
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    static SendFrame sendFrame(int requestId, int sessionId, DestinationRef destination, String text, boolean persistent) {
        WireMessage m = new WireMessage();
        m.setPersistent(persistent);
        m.setBodyType(WireMessage.BODY_TEXT);
        m.setPriority(4);
        m.setMessageId("ID:test-" + requestId);
        m.setDestination(destination);
        m.setBody(text.getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Unpooled.buffer();
        m.encode(buf);
        return new SendFrame(requestId, sessionId, destination, buf);
    }

    static String text(PayloadFrame frame) {
        try {
            return new String(WireMessage.decode(frame.message().duplicate()).getBody(), StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        decoder.finishAndReleaseAll();
    }
}
