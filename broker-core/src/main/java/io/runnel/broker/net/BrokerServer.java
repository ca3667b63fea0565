package io.runnel.broker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.runnel.broker.session.BrokerContext;
import io.runnel.protocol.codec.Codecs;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TCP listener: the only place that builds Netty channels. Each accepted connection gets the frame
 * codec (length checked before anything is allocated) and its own {@link ConnectionHandler}.
 *
 * <p>Threading: {@link #start} and {@link #close} from the broker's lifecycle thread; connections run on the
 * worker event loops.
 */
public final class BrokerServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final int maxFrameSize;
    private final BrokerContext broker;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    public BrokerServer(String host, int port, int maxFrameSize, BrokerContext broker) {
        this.host = host;
        this.port = port;
        this.maxFrameSize = maxFrameSize;
        this.broker = broker;
    }

    public InetSocketAddress start() throws InterruptedException {
        boss = new NioEventLoopGroup(1, (java.util.concurrent.ThreadFactory) r -> new Thread(r, "runnel-accept"));
        workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), new java.util.concurrent.ThreadFactory() {
            private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                return new Thread(r, "runnel-io-" + n.incrementAndGet());
            }
        });
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Codecs.addFrameCodec(ch.pipeline(), maxFrameSize);
                        ch.pipeline().addLast("connection", new ConnectionHandler(broker));
                    }
                });
        serverChannel = bootstrap.bind(host, port).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting and closes every connection (their deliveries go back to their queues). */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
