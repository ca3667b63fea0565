package io.runnel.client.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.Frame;

/**
 * The last inbound handler of a client channel: passes decoded frames, errors and the channel's end to its
 * {@link ClientTransport}.
 *
 * <p>Runs on the channel's event loop only. Not {@code @Sharable}: one per channel.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private final ClientTransport transport;

    ClientChannelHandler(ClientTransport transport) {
        this.transport = transport;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DeliverFrame deliver) {
            transport.onDeliver(deliver);
        } else if (msg instanceof Frame frame) {
            transport.onFrame(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        transport.onChannelError(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transport.onChannelInactive();
    }
}
