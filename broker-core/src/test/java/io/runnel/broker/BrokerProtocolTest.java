package io.runnel.broker;

import io.runnel.protocol.AckType;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SessionOpenFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker's delivery and durability semantics at the wire level, against a real broker, over both commit
 * pipelines: what a JMS client relies on, independent of the client library.
 */
@Timeout(120)
class BrokerProtocolTest {
    private static final DestinationRef ORDERS = DestinationRef.queue("orders");
    private static final int AUTO = 1;
    private static final int CLIENT = 2;
    private static final int TRANSACTED = 0;

    @TempDir
    Path dataDir;
    private Broker broker;
    private int port;
    private final List<RawClient> clients = new ArrayList<>();

    private void startBroker(BrokerConfig.Pipeline pipeline) throws Exception {
        broker = new Broker(BrokerConfig.builder().port(port).dataDir(dataDir).pipeline(pipeline).build()).start();
        port = broker.port();
    }

    private void restartBroker(BrokerConfig.Pipeline pipeline) throws Exception {
        broker.close();
        startBroker(pipeline);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (RawClient c : clients) {
            c.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private RawClient client() throws IOException {
        RawClient c = new RawClient(port);
        clients.add(c);
        c.connect();
        return c;
    }

    private static void expectOk(RawClient c, Frame request) throws IOException {
        c.send(request);
        Frame answer = c.read();
        assertThat(answer).as("answer to %s", request.type()).isInstanceOf(OkFrame.class);
        assertThat(answer.requestId()).isEqualTo(request.requestId());
    }

    private static void openSession(RawClient c, int sessionId, int ackMode) throws IOException {
        expectOk(c, new SessionOpenFrame(c.nextRequestId(), sessionId, ackMode));
    }

    private static void sendText(RawClient c, int sessionId, DestinationRef d, String text) throws IOException {
        expectOk(c, RawClient.sendFrame(c.nextRequestId(), sessionId, d, text, true));
    }

    private static void openConsumer(RawClient c, int sessionId, long consumerId, DestinationRef d, int credit) throws IOException {
        expectOk(c, new ConsumerOpenFrame(c.nextRequestId(), sessionId, consumerId, d, null, false, null, 0, credit));
    }

    private static DeliverFrame deliver(RawClient c) throws IOException {
        Frame f = c.read();
        assertThat(f).isInstanceOf(DeliverFrame.class);
        return (DeliverFrame) f;
    }

    private static void expectNothing(RawClient c) throws IOException {
        assertThatThrownBy(() -> {
            Frame f = c.read();
            if (f instanceof DeliverFrame d) {
                d.release();
            }
            throw new AssertionError("unexpected " + f);
        }).isInstanceOf(SocketTimeoutException.class);
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldDeliverInSendOrderAndNeverAgainOnceAcknowledgedEvenAfterRestart(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        RawClient producer = client();
        openSession(producer, 1, AUTO);
        for (int i = 0; i < 5; i++) {
            sendText(producer, 1, ORDERS, "order-" + i);
        }
        RawClient consumer = client();
        openSession(consumer, 1, CLIENT);
        openConsumer(consumer, 1, 7, ORDERS, 10);
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            DeliverFrame d = deliver(consumer);
            assertThat(d.consumerId()).isEqualTo(7);
            assertThat(d.deliveryCount()).isEqualTo(1);
            ids[i] = d.deliveryId();
            assertThat(RawClient.text(d)).isEqualTo("order-" + i);
        }
        expectOk(consumer, new AckFrame(consumer.nextRequestId(), 1, AckType.CONSUMED, ids));

        restartBroker(pipeline);
        RawClient again = client();
        openSession(again, 1, AUTO);
        sendText(again, 1, ORDERS, "after-restart");
        openConsumer(again, 1, 1, ORDERS, 10);
        assertThat(RawClient.text(deliver(again))).isEqualTo("after-restart");
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldRedeliverFlaggedWhenTheConsumersConnectionDies(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        RawClient producer = client();
        openSession(producer, 1, AUTO);
        sendText(producer, 1, ORDERS, "a");
        sendText(producer, 1, ORDERS, "b");
        RawClient consumer = client();
        openSession(consumer, 1, CLIENT);
        openConsumer(consumer, 1, 1, ORDERS, 10);
        RawClient.text(deliver(consumer));
        RawClient.text(deliver(consumer));
        consumer.close();

        RawClient second = client();
        openSession(second, 1, CLIENT);
        openConsumer(second, 1, 1, ORDERS, 10);
        DeliverFrame a = deliver(second);
        DeliverFrame b = deliver(second);
        assertThat(a.deliveryCount()).isEqualTo(2);
        assertThat(b.deliveryCount()).isEqualTo(2);
        assertThat(RawClient.text(a)).isEqualTo("a");
        assertThat(RawClient.text(b)).isEqualTo("b");
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldFlagMessagesThatWereDeliveredBeforeARestart(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        RawClient c = client();
        openSession(c, 1, CLIENT);
        sendText(c, 1, ORDERS, "in-flight");
        openConsumer(c, 1, 1, ORDERS, 10);
        RawClient.text(deliver(c));   // received, never acknowledged
        c.close();
        clients.clear();

        restartBroker(pipeline);
        RawClient after = client();
        openSession(after, 1, CLIENT);
        openConsumer(after, 1, 1, ORDERS, 10);
        DeliverFrame d = deliver(after);
        assertThat(d.deliveryCount()).as("JMSXDeliveryCount after restart").isGreaterThanOrEqualTo(2);
        assertThat(RawClient.text(d)).isEqualTo("in-flight");
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldPushNoMoreThanTheGrantedCredit(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        RawClient c = client();
        openSession(c, 1, AUTO);
        for (int i = 0; i < 5; i++) {
            sendText(c, 1, ORDERS, "m" + i);
        }
        openConsumer(c, 1, 1, ORDERS, 2);
        RawClient.text(deliver(c));
        RawClient.text(deliver(c));
        expectNothing(c);
        c.send(new CreditFrame(0, 1, 3));
        for (int i = 2; i < 5; i++) {
            assertThat(RawClient.text(deliver(c))).isEqualTo("m" + i);
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldMakeTransactedSendsVisibleOnlyOnCommitAndPutConsumedBackOnRollback(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        RawClient tx = client();
        openSession(tx, 1, TRANSACTED);
        sendText(tx, 1, ORDERS, "t1");
        sendText(tx, 1, ORDERS, "t2");

        RawClient consumer = client();
        openSession(consumer, 1, TRANSACTED);
        openConsumer(consumer, 1, 1, ORDERS, 10);
        expectNothing(consumer);
        expectOk(tx, new CommitFrame(tx.nextRequestId(), 1));

        DeliverFrame first = deliver(consumer);
        DeliverFrame second = deliver(consumer);
        consumer.send(new AckFrame(0, 1, AckType.CONSUMED, new long[]{first.deliveryId(), second.deliveryId()}));
        assertThat(RawClient.text(first)).isEqualTo("t1");
        assertThat(RawClient.text(second)).isEqualTo("t2");
        expectOk(consumer, new RollbackFrame(consumer.nextRequestId(), 1));

        DeliverFrame again = deliver(consumer);
        assertThat(again.deliveryCount()).isEqualTo(2);
        assertThat(RawClient.text(again)).isEqualTo("t1");
        DeliverFrame again2 = deliver(consumer);
        consumer.send(new AckFrame(0, 1, AckType.CONSUMED, new long[]{again.deliveryId(), again2.deliveryId()}));
        assertThat(RawClient.text(again2)).isEqualTo("t2");
        expectOk(consumer, new CommitFrame(consumer.nextRequestId(), 1));

        restartBroker(pipeline);
        RawClient after = client();
        openSession(after, 1, AUTO);
        openConsumer(after, 1, 1, ORDERS, 10);
        expectNothing(after);
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldGiveEveryTopicSubscriberItsOwnCopyOfMessagesPublishedAfterItSubscribed(BrokerConfig.Pipeline pipeline) throws Exception {
        startBroker(pipeline);
        DestinationRef prices = DestinationRef.topic("prices");
        RawClient publisher = client();
        openSession(publisher, 1, AUTO);
        sendText(publisher, 1, prices, "before anyone listened");
        RawClient s1 = client();
        openSession(s1, 1, AUTO);
        openConsumer(s1, 1, 1, prices, 10);
        RawClient s2 = client();
        openSession(s2, 1, AUTO);
        openConsumer(s2, 1, 1, prices, 10);
        sendText(publisher, 1, prices, "tick");
        assertThat(RawClient.text(deliver(s1))).isEqualTo("tick");
        assertThat(RawClient.text(deliver(s2))).isEqualTo("tick");
    }

    @ParameterizedTest
    @EnumSource(BrokerConfig.Pipeline.class)
    void shouldRefuseUnknownDestinationsWhenAutoCreateIsOff(BrokerConfig.Pipeline pipeline) throws Exception {
        broker = new Broker(BrokerConfig.builder().port(0).dataDir(dataDir).pipeline(pipeline)
                .autoCreateDestinations(false).build()).start();
        port = broker.port();
        RawClient c = client();
        openSession(c, 1, AUTO);
        c.send(RawClient.sendFrame(c.nextRequestId(), 1, ORDERS, "x", true));
        Frame answer = c.read();
        assertThat(answer).isInstanceOf(ErrorFrame.class);
        assertThat(((ErrorFrame) answer).code()).isEqualTo(ErrorCode.INVALID_DESTINATION);
    }
}
