package io.runnel.client.internal.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.testpeer.TestPeer;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolVersion;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.frame.SessionOpenFrame;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;

@Timeout(30)
class ConnectionWireTest {

    private TestPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new TestPeer();
    }

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    @Test
    void shouldConnectOfferingTheProtocolVersionsCredentialsAndClientId() throws Exception {
        RunnelConnectionFactory factory = new RunnelConnectionFactory(peer.url("clientId=app-1"));
        try (Connection connection = factory.createConnection("alice", "s3cret")) {
            ConnectFrame connect = peer.expect(ConnectFrame.class);
            assertThat(connect.requestId()).isEqualTo(1);
            assertThat(connect.minVersion()).isEqualTo(ProtocolVersion.MIN);
            assertThat(connect.maxVersion()).isEqualTo(ProtocolVersion.MAX);
            assertThat(connect.clientId()).isEqualTo("app-1");
            assertThat(connect.username()).isEqualTo("alice");
            assertThat(connect.password()).isEqualTo("s3cret");
            assertThat(connection.getClientID()).isEqualTo("app-1");
            assertThat(connection.getMetaData().getJMSVersion()).isEqualTo("3.1");
            assertThat(connection.getMetaData().getJMSProviderName()).isEqualTo("Runnel");
        }
    }

    @Test
    void shouldMapARefusedConnectToTheExceptionOfItsCode() {
        peer.respondWith(frame -> new ErrorFrame(frame.requestId(), ErrorCode.SECURITY, "bad password"));
        RunnelConnectionFactory factory = new RunnelConnectionFactory(peer.url());
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSSecurityException.class)
                .hasMessage("bad password");
    }

    @Test
    void shouldAllowSetClientIdOnlyBeforeOtherUse() throws Exception {
        RunnelConnectionFactory factory = new RunnelConnectionFactory(peer.url());
        try (Connection connection = factory.createConnection()) {
            assertThatThrownBy(() -> connection.setClientID("")).isInstanceOf(InvalidClientIDException.class);
            connection.setClientID("mine");
            assertThat(connection.getClientID()).isEqualTo("mine");
            assertThatThrownBy(() -> connection.setClientID("again")).isInstanceOf(IllegalStateException.class);
        }
        try (Connection connection = factory.createConnection()) {
            connection.createSession();
            assertThatThrownBy(() -> connection.setClientID("late")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldRefuseSetClientIdWhenTheFactoryConfiguredOne() throws Exception {
        try (Connection connection = new RunnelConnectionFactory(peer.url("clientId=admin")).createConnection()) {
            assertThatThrownBy(() -> connection.setClientID("mine")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldOpenSessionsWithTheirAcknowledgeModeAndCloseThem() throws Exception {
        try (Connection connection = new RunnelConnectionFactory(peer.url()).createConnection()) {
            Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);
            Session client = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Session dups = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);

            SessionOpenFrame first = peer.expect(SessionOpenFrame.class);
            SessionOpenFrame second = peer.expect(SessionOpenFrame.class);
            SessionOpenFrame third = peer.expect(SessionOpenFrame.class);
            assertThat(first.ackMode()).isEqualTo(Session.SESSION_TRANSACTED);
            assertThat(second.ackMode()).isEqualTo(Session.CLIENT_ACKNOWLEDGE);
            assertThat(third.ackMode()).isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
            assertThat(first.sessionId()).isNotEqualTo(second.sessionId()).isNotEqualTo(third.sessionId());
            assertThat(transacted.getTransacted()).isTrue();
            assertThat(client.getAcknowledgeMode()).isEqualTo(Session.CLIENT_ACKNOWLEDGE);

            client.close();
            assertThat(peer.expect(SessionCloseFrame.class).sessionId()).isEqualTo(second.sessionId());
            assertThatThrownBy(client::createMessage).isInstanceOf(IllegalStateException.class);
            assertThatCode(client::close).doesNotThrowAnyException();
            assertThat(dups.getAcknowledgeMode()).isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
        }
    }

    @Test
    void shouldRefuseAnInvalidAcknowledgeMode() throws Exception {
        try (Connection connection = new RunnelConnectionFactory(peer.url()).createConnection()) {
            assertThatThrownBy(() -> connection.createSession(false, 7)).isInstanceOf(JMSException.class);
        }
    }

    @Test
    void shouldSayDisconnectOnCloseAndRefuseLaterUse() throws Exception {
        Connection connection = new RunnelConnectionFactory(peer.url()).createConnection();
        connection.createSession();
        connection.close();

        peer.expect(SessionCloseFrame.class);
        peer.expect(DisconnectFrame.class);
        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class);
        assertThatCode(connection::close).doesNotThrowAnyException();
    }

    @Test
    void shouldCallTheExceptionListenerOnceWhenTheBrokerGoesAway() throws Exception {
        Connection connection = new RunnelConnectionFactory(peer.url()).createConnection();
        BlockingQueue<JMSException> reported = new LinkedBlockingQueue<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();

        peer.sendErrorAndClose(ErrorCode.INTERNAL_ERROR, "disk on fire");

        JMSException exception = reported.poll(5, TimeUnit.SECONDS);
        assertThat(exception).isNotNull().hasMessageContaining("disk on fire");
        assertThat(reported.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThatThrownBy(() -> session.createProducer(session.createQueue("q")).send(session.createMessage()))
                .isInstanceOf(JMSException.class);
        assertThatCode(connection::close).doesNotThrowAnyException();
    }
}
