package io.runnel.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.runnel.client.internal.config.BrokerUrl;
import io.runnel.client.internal.config.HostAndPort;
import io.runnel.client.testpeer.TestPeer;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.PingFrame;
import io.runnel.protocol.message.WireMessage;

@Timeout(30)
class ClientTransportTest {

    private final BlockingQueue<InboundDelivery> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<TransportException> losses = new LinkedBlockingQueue<>();
    private final TransportListener listener = new TransportListener() {
        @Override
        public void onDelivery(InboundDelivery delivery) {
            deliveries.add(delivery);
        }

        @Override
        public void onConnectionLost(TransportException cause) {
            losses.add(cause);
        }
    };
    private TestPeer peer;
    private ClientTransport transport;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new TestPeer();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        peer.close();
    }

    private ClientTransport connect() throws TransportException {
        transport = ClientTransport.connect(BrokerUrl.parse(peer.url()).hosts(), 5_000, listener);
        return transport;
    }

    @Test
    void shouldNumberRequestsFromOneAndPairAnswers() throws Exception {
        connect();
        CompletableFuture<Frame> first = transport.request(PingFrame::new);
        CompletableFuture<Frame> second = transport.request(PingFrame::new);

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new OkFrame(1));
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(new OkFrame(2));
        assertThat(peer.expect(PingFrame.class).requestId()).isEqualTo(1);
        assertThat(peer.expect(PingFrame.class).requestId()).isEqualTo(2);
    }

    @Test
    void shouldFailARequestAnsweredWithAnError() throws Exception {
        peer.respondWith(frame -> new ErrorFrame(frame.requestId(), ErrorCode.ILLEGAL_STATE, "not now"));
        connect();
        CompletableFuture<Frame> answer = transport.request(PingFrame::new);

        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BrokerErrorException.class).hasMessage("not now")
                .extracting(e -> ((BrokerErrorException) e).code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
    }

    @Test
    void shouldWriteFramesInTheOrderTheyAreSubmittedFromManyThreads() throws Exception {
        peer.respondWith(frame -> null);
        connect();
        int threads = 4;
        int perThread = 200;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    transport.request(PingFrame::new);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int previous = 0;
        for (int i = 0; i < threads * perThread; i++) {
            int id = peer.expect(PingFrame.class).requestId();
            assertThat(id).isEqualTo(previous + 1);
            previous = id;
        }
    }

    @Test
    void shouldDecodeDeliveriesForTheListener() throws Exception {
        connect();
        WireMessage message = new WireMessage();
        message.setMessageId("ID:1");
        peer.deliver(7, 99, 2, message);

        InboundDelivery delivery = deliveries.poll(5, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        assertThat(delivery.consumerId()).isEqualTo(7);
        assertThat(delivery.deliveryId()).isEqualTo(99);
        assertThat(delivery.deliveryCount()).isEqualTo(2);
        assertThat(delivery.message().getMessageId()).isEqualTo("ID:1");
    }

    @Test
    void shouldReportTheLossOnceAndFailPendingRequests() throws Exception {
        peer.respondWith(frame -> null);
        connect();
        CompletableFuture<Frame> pending = transport.request(PingFrame::new);
        peer.expect(PingFrame.class);

        peer.sendErrorAndClose(ErrorCode.RESOURCE_ALLOCATION, "going away");

        TransportException loss = losses.poll(5, TimeUnit.SECONDS);
        assertThat(loss).isInstanceOf(BrokerErrorException.class).hasMessageContaining("going away");
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TransportException.class);
        assertThat(transport.isOpen()).isFalse();
        assertThatThrownBy(() -> transport.sendOneWay(new PingFrame(0))).isInstanceOf(TransportException.class);
        assertThat(transport.request(PingFrame::new)).isCompletedExceptionally();
        assertThat(losses.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void shouldNotReportALossAfterItsOwnClose() throws Exception {
        connect();
        transport.close();
        assertThat(losses.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(transport.isOpen()).isFalse();
    }

    @Test
    void shouldTryTheHostsInOrder() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadPort = socket.getLocalPort();
        }
        List<HostAndPort> hosts = List.of(new HostAndPort("127.0.0.1", deadPort),
                BrokerUrl.parse(peer.url()).hosts().get(0));
        transport = ClientTransport.connect(hosts, 5_000, listener);

        assertThat(transport.request(PingFrame::new).get(5, TimeUnit.SECONDS)).isEqualTo(new OkFrame(1));
    }

    @Test
    void shouldListEveryHostWhenNoneAccepts() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadPort = socket.getLocalPort();
        }
        List<HostAndPort> hosts = List.of(new HostAndPort("127.0.0.1", deadPort));
        assertThatThrownBy(() -> ClientTransport.connect(hosts, 5_000, listener))
                .isInstanceOf(TransportException.class).hasMessageContaining("127.0.0.1:" + deadPort);
    }
}
