package io.runnel.broker.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.runnel.broker.session.BrokerContext;
import io.runnel.broker.session.ClientConnection;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolException;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.PayloadFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last handler of a broker connection's pipeline: hands each decoded frame to the connection's
 * {@link ClientConnection} and writes the answer; turns a malformed frame into an {@code ErrorFrame} with request id
 * 0 followed by closing this connection only.
 *
 * <p>Threading: runs on the channel's event loop. Not sharable (one per connection).
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final BrokerContext broker;
    private ClientConnection connection;

    ConnectionHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new ClientConnection(broker, ctx.channel(), CONNECTION_IDS.incrementAndGet());
        LOG.debug("connection {} from {}", connection.connectionId(), ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        CompletableFuture<Frame> answer;
        try {
            answer = connection.handle(frame);
        } catch (RuntimeException e) {
            if (frame instanceof PayloadFrame p) {
                p.release();
            }
            LOG.error("connection {}: handling {} failed", connection.connectionId(), frame.type(), e);
            closeWithError(ctx, ErrorCode.INTERNAL_ERROR, "internal error");
            return;
        }
        boolean disconnect = frame instanceof DisconnectFrame;
        if (answer != null) {
            answer.whenComplete((reply, error) -> {
                Frame out = reply != null ? reply : new ErrorFrame(frame.requestId(), ErrorCode.INTERNAL_ERROR, String.valueOf(error));
                boolean fatal = !connection.isConnected() && out instanceof ErrorFrame;
                if (disconnect || fatal) {
                    ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.writeAndFlush(out, ctx.voidPromise());
                }
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof TooLongFrameException) {
            LOG.warn("connection {}: {}; closing it", id(), c.getMessage());
            closeWithError(ctx, ErrorCode.FRAME_TOO_LARGE, c.getMessage());
        } else if (c instanceof ProtocolException p) {
            LOG.warn("connection {}: malformed frame ({}); closing it", id(), p.getMessage());
            closeWithError(ctx, p.code(), p.getMessage());
        } else if (c instanceof DecoderException) {
            LOG.warn("connection {}: undecodable input ({}); closing it", id(), c.getMessage());
            closeWithError(ctx, ErrorCode.PROTOCOL_ERROR, String.valueOf(c.getMessage()));
        } else if (c instanceof IOException) {
            LOG.debug("connection {}: {}", id(), c.toString());
            ctx.close();
        } else {
            LOG.error("connection {}: unexpected error; closing it", id(), c);
            closeWithError(ctx, ErrorCode.INTERNAL_ERROR, "internal error");
        }
    }

    private long id() {
        return connection == null ? -1 : connection.connectionId();
    }

    private static void closeWithError(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new ErrorFrame(0, code, message)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
