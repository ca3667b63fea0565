package io.runnel.client.testpeer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.Limits;
import io.runnel.protocol.codec.Codecs;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.message.WireMessage;

/**
 * A scripted stand-in for the broker, for tests that need exact control of the wire: listens on 127.0.0.1 port 0,
 * speaks the real frame codec, records every frame a client sends, and answers requests (CONNECT with CONNECTED,
 * everything else with OK) unless a responder says otherwise. Tests push deliveries and errors, and drop the
 * connection, at will.
 *
 * <p>Thread-safe: frames are recorded on the peer's event loop into a blocking queue the test thread reads.
 */
public final class TestPeer implements AutoCloseable {

    /** A SendFrame as received, with its message decoded (the frame's buffer is released on receipt). */
    public record ReceivedSend(int requestId, int sessionId, String destination, WireMessage message) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final List<Object> skipped = new ArrayList<>();
    private final CompletableFuture<Channel> firstClient = new CompletableFuture<>();
    private volatile Channel client;
    private volatile Function<Frame, Frame> responder = TestPeer::defaultAnswer;

    /** Starts listening. */
    public TestPeer() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Codecs.addFrameCodec(ch.pipeline(), Limits.DEFAULT_MAX_FRAME_SIZE);
                        ch.pipeline().addLast(new Handler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** @return the broker URL of this peer, with the given query appended if not empty */
    public String url(String query) {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return "runnel://127.0.0.1:" + port + (query.isEmpty() ? "" : "?" + query);
    }

    /** @return the broker URL of this peer */
    public String url() {
        return url("");
    }

    /**
     * @param responder given each received frame with a requestId (a SendFrame without its message), returns the
     *                  answer, or null for silence
     */
    public void respondWith(Function<Frame, Frame> responder) {
        this.responder = responder;
    }

    /** @return the answer the peer gives by default: CONNECTED to CONNECT, OK to anything else */
    public static Frame defaultAnswer(Frame frame) {
        if (frame instanceof ConnectFrame connect) {
            return new ConnectedFrame(connect.requestId(), 1, "test-peer", 42);
        }
        return new OkFrame(frame.requestId());
    }

    /**
     * @return the next frame the client sent, whatever its type
     * @throws AssertionError if none arrives in time
     */
    public Object next() throws InterruptedException {
        Object frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the client within " + WAIT);
        }
        return frame;
    }

    /**
     * @return the next frame of the given type; frames of other types before it are kept in {@link #skipped()}
     * @throws AssertionError if none arrives in time
     */
    public <T> T expect(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            Object frame = remaining <= 0 ? null : received.poll(remaining, TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no " + type.getSimpleName() + " from the client within " + WAIT
                        + "; other frames: " + skipped);
            }
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            skipped.add(frame);
        }
    }

    /**
     * @param within how long to watch
     * @return the frames of the given type received within that time (others go to {@link #skipped()})
     */
    public <T> List<T> collect(Class<T> type, Duration within) throws InterruptedException {
        List<T> frames = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            Object frame = received.poll(remaining, TimeUnit.NANOSECONDS);
            if (frame == null) {
                break;
            }
            if (type.isInstance(frame)) {
                frames.add(type.cast(frame));
            } else {
                skipped.add(frame);
            }
        }
        return frames;
    }

    /** @return frames passed over by {@link #expect} and {@link #collect} */
    public List<Object> skipped() {
        return skipped;
    }

    /**
     * Pushes a message to a consumer of the connected client. Called from a responder (the peer's event loop), the
     * frame is written before the responder's answer.
     */
    public void deliver(long consumerId, long deliveryId, int deliveryCount, WireMessage message) {
        Channel ch = connectedClient();
        Runnable write = () -> {
            ByteBuf buf = ch.alloc().buffer();
            message.encode(buf);
            DeliverFrame frame = new DeliverFrame(0, consumerId, deliveryId, deliveryCount, buf);
            ch.writeAndFlush(frame);
            frame.release();
        };
        if (ch.eventLoop().inEventLoop()) {
            write.run();
        } else {
            ch.eventLoop().execute(write);
        }
    }

    /** Sends an ErrorFrame with requestId 0 (the broker's goodbye) and closes the connection. */
    public void sendErrorAndClose(ErrorCode code, String message) {
        connectedClient().writeAndFlush(new ErrorFrame(0, code, message))
                .addListener(done -> connectedClient().close());
    }

    /** Closes the client's connection without a word. */
    public void dropConnection() {
        connectedClient().close();
    }

    private Channel connectedClient() {
        Channel ch = client;
        if (ch != null) {
            return ch;
        }
        try {
            return firstClient.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no client connected within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        Channel ch = client;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records frames and answers requests; runs on the peer's event loop. */
    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            firstClient.complete(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Frame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            Frame frame = (Frame) msg;
            if (frame instanceof SendFrame send) {
                try {
                    received.add(new ReceivedSend(send.requestId(), send.sessionId(), send.destination().name(),
                            WireMessage.decode(send.message())));
                } finally {
                    send.release();
                }
            } else {
                received.add(frame);
            }
            if (frame.requestId() != 0) {
                Frame answer = responder.apply(frame);
                if (answer != null) {
                    ctx.writeAndFlush(answer);
                }
            }
        }
    }
}
