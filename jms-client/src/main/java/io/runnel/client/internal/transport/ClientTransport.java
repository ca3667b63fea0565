package io.runnel.client.internal.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.runnel.client.internal.config.HostAndPort;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.Limits;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.codec.Codecs;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.PayloadFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.message.WireMessage;

/**
 * One TCP connection to a broker: writes frames, pairs answers with requests, and hands pushed messages and the
 * loss of the connection to a {@link TransportListener}. The only class of the client that the JMS façade uses to
 * reach the broker, and, with its handler, the only one that touches Netty channels.
 *
 * <p>Requests are numbered from 1 upwards (0 means "no answer wanted"); {@link #request} returns a future that
 * completes with the answer frame, or exceptionally with a {@link BrokerErrorException} for an {@code ErrorFrame}
 * answer and a {@link TransportException} when the connection fails or closes first. Frames are written in the
 * order they are submitted, whichever threads submit them: the broker relies on that order per connection.
 *
 * <p>Threading: every public method is thread-safe. Each transport owns an event loop group with one thread,
 * which runs the pipeline and calls the listener; futures complete on that thread, so callers must not do
 * blocking work in their completion stages.
 */
public final class ClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTransport.class);

    private final EventLoopGroup group;
    private final TransportListener listener;
    private final Map<Integer, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean lostReported = new AtomicBoolean();
    /** Orders request numbering and frame submission, and guards {@link #failure}. */
    private final Object writeLock = new Object();
    private int nextRequestId = 1;
    private volatile TransportException failure;
    private volatile Channel channel;
    private volatile boolean closedByUs;
    private volatile ErrorFrame brokerGoodbye;
    private volatile Throwable channelError;

    private ClientTransport(TransportListener listener) {
        this.listener = listener;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("runnel-io", true));
    }

    /**
     * Opens a TCP connection to the first host that accepts one, trying them in order.
     *
     * @param hosts                the broker addresses
     * @param connectTimeoutMillis the limit on each TCP connect
     * @param listener             receives deliveries and the loss of the connection
     * @return a connected transport (no frame exchanged yet)
     * @throws TransportException if no host accepted the connection
     */
    public static ClientTransport connect(List<HostAndPort> hosts, long connectTimeoutMillis,
                                          TransportListener listener) throws TransportException {
        ClientTransport transport = new ClientTransport(listener);
        transport.open(hosts, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
        return transport;
    }

    private void open(List<HostAndPort> hosts, int connectTimeoutMillis) throws TransportException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Codecs.addFrameCodec(ch.pipeline(), Limits.DEFAULT_MAX_FRAME_SIZE);
                        ch.pipeline().addLast("runnel-client", new ClientChannelHandler(ClientTransport.this));
                    }
                });
        List<String> failures = new ArrayList<>();
        for (HostAndPort host : hosts) {
            ChannelFuture connect = bootstrap.connect(host.host(), host.port());
            if (!connect.awaitUninterruptibly(connectTimeoutMillis + 1000L)) {
                connect.cancel(false);
                failures.add(host + ": no connection within " + connectTimeoutMillis + " ms");
            } else if (connect.isSuccess()) {
                channel = connect.channel();
                LOG.debug("connected to {} ({})", host, channel);
                return;
            } else {
                failures.add(host + ": " + connect.cause().getMessage());
            }
        }
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        throw new TransportException("cannot connect to a broker: " + String.join("; ", failures));
    }

    /**
     * Sends a request.
     *
     * @param factory builds the frame from the request id it is given (never 0)
     * @return the answer: completes with the broker's answer frame, or exceptionally with a
     *         {@link BrokerErrorException} or {@link TransportException}
     */
    public CompletableFuture<Frame> request(IntFunction<? extends Frame> factory) {
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        synchronized (writeLock) {
            TransportException failed = failure;
            if (failed != null) {
                answer.completeExceptionally(failed);
                return answer;
            }
            int requestId = nextRequestId++;
            if (nextRequestId <= 0) {
                nextRequestId = 1;
            }
            Frame frame;
            try {
                frame = factory.apply(requestId);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
                return answer;
            }
            pending.put(requestId, answer);
            submit(frame);
        }
        return answer;
    }

    /**
     * Sends a message ({@code SendFrame}) and asks for an answer.
     *
     * @param sessionId   the sending session
     * @param destination where the message goes
     * @param message     the message; encoded before this method returns, so the caller may change it afterwards
     * @return the answer, as {@link #request}
     */
    public CompletableFuture<Frame> send(int sessionId, DestinationRef destination, WireMessage message) {
        Channel ch = channel;
        ByteBuf encoded = ch.alloc().buffer(message.encodedSizeEstimate());
        try {
            message.encode(encoded);
        } catch (RuntimeException e) {
            encoded.release();
            return CompletableFuture.failedFuture(e);
        }
        boolean[] used = new boolean[1];
        CompletableFuture<Frame> answer = request(id -> {
            used[0] = true;
            return new SendFrame(id, sessionId, destination, encoded);
        });
        if (!used[0]) {
            encoded.release();
        }
        return answer;
    }

    /**
     * Sends a frame that wants no answer; its requestId must be 0.
     *
     * @param frame the frame (not a payload frame)
     * @throws TransportException if the connection is closed or lost
     */
    public void sendOneWay(Frame frame) throws TransportException {
        synchronized (writeLock) {
            TransportException failed = failure;
            if (failed != null) {
                throw new TransportException(failed.getMessage(), failed);
            }
            submit(frame);
        }
    }

    /** @return true until the connection is closed or lost */
    public boolean isOpen() {
        return failure == null;
    }

    /**
     * Closes the connection without saying goodbye (send {@code DisconnectFrame} first for that), fails pending
     * requests and stops the I/O thread. The listener is not told. Idempotent.
     */
    public void close() {
        closedByUs = true;
        TransportException closed = new TransportException("connection closed");
        synchronized (writeLock) {
            if (failure == null) {
                failure = closed;
            }
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        failPending(closed);
        var termination = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!group.next().inEventLoop()) {
            termination.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- writing (callers hold writeLock)

    private void submit(Frame frame) {
        Channel ch = channel;
        try {
            // always through the task queue: a write from the event loop itself must not overtake queued ones
            ch.eventLoop().execute(() -> write(ch, frame));
        } catch (RejectedExecutionException e) {
            release(frame);
            failRequest(frame.requestId(), new TransportException("connection closed", e));
        }
    }

    private void write(Channel ch, Frame frame) {
        ChannelFuture written = ch.writeAndFlush(frame);
        // on the event loop the frame was encoded inside writeAndFlush: the writer's reference can go now
        release(frame);
        written.addListener(done -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                LOG.debug("write of {} failed", frame.type(), cause);
                String reason = cause.getCause() instanceof ProtocolException protocol
                        ? protocol.getMessage()
                        : String.valueOf(cause.getMessage());
                failRequest(frame.requestId(), new TransportException("cannot send " + frame.type() + ": "
                        + reason, cause));
            }
        });
    }

    private static void release(Frame frame) {
        if (frame instanceof PayloadFrame payload) {
            payload.release();
        }
    }

    private void failRequest(int requestId, TransportException cause) {
        if (requestId != 0) {
            CompletableFuture<Frame> answer = pending.remove(requestId);
            if (answer != null) {
                answer.completeExceptionally(cause);
            }
        }
    }

    private void failPending(TransportException cause) {
        for (Integer requestId : List.copyOf(pending.keySet())) {
            failRequest(requestId, cause);
        }
    }

    // ---------------------------------------------------------------- inbound (event loop)

    void onDeliver(DeliverFrame frame) {
        InboundDelivery delivery;
        try {
            delivery = new InboundDelivery(frame.consumerId(), frame.deliveryId(), frame.deliveryCount(),
                    WireMessage.decode(frame.message()));
        } catch (ProtocolException e) {
            LOG.error("closing the connection: the broker delivered a malformed message ({})", e.getMessage());
            channelError = e;
            channel.close();
            return;
        } finally {
            frame.release();
        }
        try {
            listener.onDelivery(delivery);
        } catch (RuntimeException e) {
            LOG.error("delivery listener failed on delivery {}", delivery.deliveryId(), e);
        }
    }

    void onFrame(Frame frame) {
        if (frame.requestId() == 0) {
            if (frame instanceof ErrorFrame error) {
                brokerGoodbye = error;
                LOG.warn("the broker reports {}: {}", error.code(), error.message());
            } else {
                LOG.debug("ignoring unsolicited {} frame", frame.type());
            }
            release(frame);
            return;
        }
        CompletableFuture<Frame> answer = pending.remove(frame.requestId());
        if (answer == null) {
            LOG.debug("answer {} to request {} arrived after the request was abandoned", frame.type(),
                    frame.requestId());
            release(frame);
        } else if (frame instanceof ErrorFrame error) {
            answer.completeExceptionally(new BrokerErrorException(error.code(), error.message()));
        } else {
            answer.complete(frame);
        }
    }

    void onChannelError(Throwable cause) {
        if (!closedByUs) {
            LOG.warn("connection to the broker failed", cause);
        }
        channelError = cause;
    }

    void onChannelInactive() {
        TransportException cause;
        ErrorFrame goodbye = brokerGoodbye;
        Throwable error = channelError;
        if (closedByUs) {
            cause = new TransportException("connection closed");
        } else if (goodbye != null) {
            cause = new BrokerErrorException(goodbye.code(), "the broker closed the connection: "
                    + goodbye.message());
        } else if (error != null) {
            cause = new TransportException("connection to the broker failed: " + error.getMessage(), error);
        } else {
            cause = new TransportException("the broker closed the connection");
        }
        synchronized (writeLock) {
            if (failure == null) {
                failure = cause;
            }
        }
        failPending(cause);
        if (!closedByUs && lostReported.compareAndSet(false, true)) {
            listener.onConnectionLost(cause);
        }
    }
}
