package io.runnel.broker;

import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.SessionOpenFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input closes the offending connection only: the broker answers with an error frame, closes it, allocates
 * nothing for a length it was only told about, and every other client carries on.
 */
@Timeout(60)
class MalformedInputTest {
    @TempDir
    Path dataDir;
    private Broker broker;
    private RawClient bystander;

    @BeforeEach
    void start() throws Exception {
        broker = new Broker(BrokerConfig.builder().port(0).dataDir(dataDir).build()).start();
        bystander = new RawClient(broker.port());
        bystander.connect();
        bystander.send(new SessionOpenFrame(bystander.nextRequestId(), 1, 1));
        assertThat(bystander.read()).isInstanceOf(OkFrame.class);
    }

    @AfterEach
    void stop() throws IOException {
        bystander.close();
        broker.close();
    }

    private void bystanderStillWorks() throws IOException {
        DestinationRef q = DestinationRef.queue("still-working");
        bystander.send(RawClient.sendFrame(bystander.nextRequestId(), 1, q, "hello", true));
        assertThat(bystander.read()).isInstanceOf(OkFrame.class);
        bystander.send(new ConsumerOpenFrame(bystander.nextRequestId(), 1, bystander.nextRequestId(), q, null, false, null, 0, 1));
        assertThat(bystander.read()).isInstanceOf(OkFrame.class);
        Frame f = bystander.read();
        assertThat(f).isInstanceOf(DeliverFrame.class);
        assertThat(RawClient.text((DeliverFrame) f)).isEqualTo("hello");
    }

    private static ErrorFrame expectErrorAndClose(RawClient c) throws IOException {
        Frame f = c.read();
        assertThat(f).isInstanceOf(ErrorFrame.class);
        assertThat(f.requestId()).isZero();
        assertThat(c.closedByPeer()).as("connection closed by the broker").isTrue();
        return (ErrorFrame) f;
    }

    @Test
    void shouldCloseAConnectionThatSendsGarbage() throws Exception {
        try (RawClient c = new RawClient(broker.port())) {
            c.sendRaw(new byte[]{0, 0, 0, 12, 0x7f, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            assertThat(expectErrorAndClose(c).code()).isEqualTo(ErrorCode.UNKNOWN_FRAME);
        }
        bystanderStillWorks();
    }

    @Test
    void shouldCloseAConnectionWhoseFrameClaimsTwoGibibytesWithoutAllocatingThem() throws Exception {
        Runtime rt = Runtime.getRuntime();
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        try (RawClient c = new RawClient(broker.port())) {
            c.connect();
            byte[] header = ByteBuffer.allocate(10).putInt(Integer.MAX_VALUE).put((byte) 0x20).put((byte) 0).putInt(5).array();
            c.sendRaw(header);
            c.sendRaw(new byte[64 * 1024]);
            assertThat(expectErrorAndClose(c).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        }
        long usedAfter = rt.totalMemory() - rt.freeMemory();
        // the test JVM's heap is capped at 1 GiB, so allocating the claimed 2 GiB would have failed outright; the
        // growth seen is ordinary garbage, far below the claim
        assertThat(usedAfter - usedBefore).isLessThan(256L * 1024 * 1024);
        bystanderStillWorks();
    }

    @Test
    void shouldCloseAConnectionThatSendsAMalformedBody() throws Exception {
        try (RawClient c = new RawClient(broker.port())) {
            c.connect();
            // a SESSION_OPEN frame whose body is 1 byte instead of 8
            c.sendRaw(new byte[]{0, 0, 0, 7, 0x10, 0, 0, 0, 0, 9, 1});
            assertThat(expectErrorAndClose(c).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        }
        bystanderStillWorks();
    }

    @Test
    void shouldForgetATruncatedFrameWhenItsConnectionDrops() throws Exception {
        try (RawClient c = new RawClient(broker.port())) {
            c.connect();
            c.sendRaw(new byte[]{0, 0, 1, 0, 0x20, 0, 0, 0, 0, 5, 1, 2, 3});   // 256 bytes announced, 9 sent
        }
        bystanderStillWorks();
    }

    @Test
    void shouldRefuseAnythingBeforeConnect() throws Exception {
        try (RawClient c = new RawClient(broker.port())) {
            c.send(new SessionOpenFrame(1, 1, 1));
            Frame f = c.read();
            assertThat(f).isInstanceOf(ErrorFrame.class);
            assertThat(((ErrorFrame) f).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(c.closedByPeer()).isTrue();
        }
        bystanderStillWorks();
    }
}
