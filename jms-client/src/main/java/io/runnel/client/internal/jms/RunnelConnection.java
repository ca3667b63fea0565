package io.runnel.client.internal.jms;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.runnel.client.internal.config.ClientSettings;
import io.runnel.client.internal.transport.ClientTransport;
import io.runnel.client.internal.transport.InboundDelivery;
import io.runnel.client.internal.transport.TransportException;
import io.runnel.client.internal.transport.TransportListener;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ProtocolVersion;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.SessionOpenFrame;
import io.runnel.protocol.message.WireMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * A JMS connection: one {@link ClientTransport} to a broker, the sessions created on it, and the routing of pushed
 * messages to their consumers.
 *
 * <p>Life: {@link #open} connects and exchanges CONNECT / CONNECTED (offering protocol versions
 * {@link ProtocolVersion#MIN}..{@link ProtocolVersion#MAX} and the administratively configured client id). The
 * connection starts stopped. {@link #close()} closes the sessions (which waits for running listeners, except the
 * caller's own), says DISCONNECT and closes the socket. When the broker connection is lost, pending and later
 * requests fail with a JMSException, blocked receives throw, and the {@link ExceptionListener} is called once, on a
 * thread of its own.
 *
 * <p>Client id: a client id set with {@link #setClientID} is checked here only (allowed once, before any other use
 * of the connection); it is not sent to the broker, because CONNECT has already been sent when the connection
 * exists. Broker-side uniqueness is issue #3.
 *
 * <p>Thread-safe, as the JMS specification requires of a connection.
 */
public final class RunnelConnection implements Connection, QueueConnection, TopicConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RunnelConnection.class);
    /** How long close() waits for the broker to confirm DISCONNECT, at most. */
    private static final long DISCONNECT_WAIT_MILLIS = 5_000;

    private final ClientSettings settings;
    private final List<RunnelSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<Long, RunnelMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final AtomicInteger nextSessionId = new AtomicInteger(1);
    private final AtomicLong nextConsumerId = new AtomicLong(1);
    private final AtomicLong nextMessageNumber = new AtomicLong(1);
    private final String messageIdPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Object clientIdLock = new Object();

    private ClientTransport transport;
    private RunnelConnectionMetaData metaData;
    private String brokerId;
    private long connectionId;
    private String clientId;
    private boolean clientIdFixed;
    private volatile boolean connected;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;

    private RunnelConnection(ClientSettings settings) {
        this.settings = settings;
        this.clientId = settings.clientId();
        this.clientIdFixed = settings.clientId() != null;
    }

    /**
     * Connects to the first broker of the settings that accepts a TCP connection and performs the handshake.
     *
     * @param settings what to connect with
     * @return a stopped connection
     * @throws JMSException if no broker can be reached or the broker refuses the connection
     */
    public static RunnelConnection open(ClientSettings settings) throws JMSException {
        RunnelConnection connection = new RunnelConnection(settings);
        connection.connect();
        return connection;
    }

    private void connect() throws JMSException {
        try {
            transport = ClientTransport.connect(settings.hosts(), settings.connectTimeoutMillis(), new Events());
        } catch (TransportException e) {
            throw ExceptionSupport.create(e.getMessage(), e);
        }
        try {
            Frame answer = call(id -> new ConnectFrame(id, ProtocolVersion.MIN, ProtocolVersion.MAX,
                    settings.clientId(), settings.user(), settings.password()));
            if (!(answer instanceof ConnectedFrame connectedFrame)) {
                throw new JMSException("the broker answered CONNECT with " + answer.type());
            }
            brokerId = connectedFrame.brokerId();
            connectionId = connectedFrame.connectionId();
            metaData = new RunnelConnectionMetaData(connectedFrame.version());
            connected = true;
            LOG.debug("connected to broker {} as connection {} (protocol version {})", brokerId, connectionId,
                    connectedFrame.version());
        } catch (JMSException e) {
            transport.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        if (transacted) {
            return createSession(Session.SESSION_TRANSACTED);
        }
        if (acknowledgeMode < Session.AUTO_ACKNOWLEDGE || acknowledgeMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid acknowledge mode " + acknowledgeMode + " for a non-transacted session");
        }
        return createSession(acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession(sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    private RunnelSession newSession(int sessionMode) throws JMSException {
        checkOpen();
        if (closing.get()) {
            throw new IllegalStateException("the connection is closing");
        }
        fixClientId();
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid session mode " + sessionMode);
        }
        int sessionId = nextSessionId.getAndIncrement();
        RunnelSession session = new RunnelSession(this, sessionId, sessionMode);
        call(id -> new SessionOpenFrame(id, sessionId, sessionMode));
        sessions.add(session);
        return session;
    }

    void removeSession(RunnelSession session) {
        sessions.remove(session);
    }

    // ---------------------------------------------------------------- client id, metadata, listener

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        synchronized (clientIdLock) {
            return clientId;
        }
    }

    /**
     * Sets the client id; allowed once, before any other use of the connection, and not when the connection
     * factory configured one. Checked on the client only (see the class comment).
     */
    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        synchronized (clientIdLock) {
            if (clientId != null) {
                throw new IllegalStateException("the client id is already set to '" + clientId + "'");
            }
            if (clientIdFixed) {
                throw new IllegalStateException("setClientID must be called before any other use of the "
                        + "connection");
            }
            if (id == null || id.isEmpty()) {
                throw new InvalidClientIDException("the client id is null or empty");
            }
            clientId = id;
            clientIdFixed = true;
        }
    }

    private void fixClientId() {
        synchronized (clientIdLock) {
            clientIdFixed = true;
        }
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return metaData;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        this.exceptionListener = listener;
    }

    // ---------------------------------------------------------------- start, stop, close

    @Override
    public void start() throws JMSException {
        checkOpen();
        fixClientId();
        started = true;
        for (RunnelSession session : sessions) {
            session.wakeUp();
        }
    }

    /**
     * Stops delivery and waits until running listeners have returned, except the caller's own when called from a
     * listener (the specification allows either refusing or succeeding; Runnel succeeds).
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        fixClientId();
        if (!started) {
            return;
        }
        started = false;
        for (RunnelSession session : sessions) {
            session.wakeUp();
            session.awaitListenerReturned();
        }
    }

    /**
     * Closes the sessions, then the broker connection. When called from a message listener of this connection it
     * does not wait for that listener (it returns, then the listener completes); an AUTO_ACKNOWLEDGE listener's
     * current message is acknowledged before the session closes.
     *
     * @throws IllegalStateException if called from a CompletionListener of this connection
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        for (RunnelSession session : sessions) {
            session.checkNotCompletionListener("close");
        }
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        started = false;
        JMSException firstFailure = null;
        for (RunnelSession session : sessions) {
            try {
                session.close();
            } catch (JMSException e) {
                LOG.warn("closing session {} failed", session.sessionId(), e);
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (transport.isOpen()) {
            try {
                ExceptionSupport.await(transport.request(DisconnectFrame::new),
                        Math.min(DISCONNECT_WAIT_MILLIS, settings.requestTimeoutMillis()));
            } catch (JMSException e) {
                LOG.debug("the broker did not confirm DISCONNECT", e);
            }
        }
        transport.close();
        closed = true;
        LOG.debug("connection {} closed", connectionId);
        if (firstFailure != null && failure == null) {
            throw firstFailure;
        }
    }

    // ---------------------------------------------------------------- not supported (optional features)

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersNotSupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersNotSupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersNotSupported();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        throw connectionConsumersNotSupported();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersNotSupported();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool,
                                                                    int maxMessages) throws JMSException {
        throw connectionConsumersNotSupported();
    }

    private JMSException connectionConsumersNotSupported() throws JMSException {
        checkOpen();
        return new JMSException("connection consumers (application server facility) are not supported");
    }

    // ---------------------------------------------------------------- for sessions, producers and consumers

    /**
     * Listeners that run while the connection closes keep its full use until they return (Connection.close
     * javadoc), so only a finished close counts here.
     *
     * @throws IllegalStateException if the connection is closed
     */
    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** @return true while messages may be delivered */
    boolean isStarted() {
        return started;
    }

    /** @return the failure that ended the broker connection, or null */
    JMSException failure() {
        return failure;
    }

    /** @return true while frames can be sent */
    boolean isTransportOpen() {
        return transport.isOpen();
    }

    /** @return the settings this connection was created with */
    ClientSettings settings() {
        return settings;
    }

    /** @return a new consumer id, unique within this connection */
    long nextConsumerId() {
        return nextConsumerId.getAndIncrement();
    }

    /** @return a new JMSMessageID, unique across connections */
    String nextMessageId() {
        return messageIdPrefix + nextMessageNumber.getAndIncrement();
    }

    void register(RunnelMessageConsumer consumer) {
        consumers.put(consumer.consumerId(), consumer);
    }

    void unregister(RunnelMessageConsumer consumer) {
        consumers.remove(consumer.consumerId());
    }

    /**
     * Sends a request and waits for its answer (at most the request timeout).
     *
     * @param request builds the frame from its request id
     * @return the answer frame
     * @throws JMSException the broker's error, mapped, or a failure of the connection
     */
    Frame call(IntFunction<? extends Frame> request) throws JMSException {
        return await(transport.request(request));
    }

    /**
     * @param answer a request's answer
     * @return the answer frame
     * @throws JMSException the broker's error, mapped, or a failure of the connection or timeout
     */
    Frame await(CompletableFuture<Frame> answer) throws JMSException {
        return ExceptionSupport.await(answer, settings.requestTimeoutMillis());
    }

    /**
     * Sends a frame that wants no answer.
     *
     * @param frame the frame, requestId 0
     * @throws JMSException if the connection is closed or lost
     */
    void oneWay(Frame frame) throws JMSException {
        try {
            transport.sendOneWay(frame);
        } catch (TransportException e) {
            throw ExceptionSupport.create(e.getMessage(), e);
        }
    }

    /**
     * Sends a message; the caller waits for the answer or tracks it.
     *
     * @param sessionId   the sending session
     * @param destination where to
     * @param message     the message, encoded before this returns
     * @return the answer
     */
    CompletableFuture<Frame> send(int sessionId, DestinationRef destination, WireMessage message) {
        return transport.send(sessionId, destination, message);
    }

    @Override
    public String toString() {
        return "RunnelConnection[id=" + connectionId + ", broker=" + brokerId + ", clientId=" + clientId + "]";
    }

    /** Receives the transport's events on its I/O thread. */
    private final class Events implements TransportListener {

        @Override
        public void onDelivery(InboundDelivery delivery) {
            RunnelMessageConsumer consumer = consumers.get(delivery.consumerId());
            if (consumer == null) {
                LOG.debug("dropping delivery {} for unknown consumer {}", delivery.deliveryId(),
                        delivery.consumerId());
                return;
            }
            consumer.onDelivery(delivery);
        }

        @Override
        public void onConnectionLost(TransportException cause) {
            if (!connected) {
                return; // the handshake fails with the same cause
            }
            JMSException lost = ExceptionSupport.toJms(cause);
            JMSException reported = ExceptionSupport.create("connection to the broker lost: " + lost.getMessage(),
                    lost);
            failure = reported;
            LOG.warn("connection {} to broker {} lost: {}", connectionId, brokerId, cause.getMessage());
            for (RunnelSession session : sessions) {
                session.onConnectionLost();
            }
            ExceptionListener listener = exceptionListener;
            if (listener != null && !closing.get()) {
                Thread thread = new Thread(() -> {
                    try {
                        listener.onException(reported);
                    } catch (RuntimeException e) {
                        LOG.warn("exception listener threw", e);
                    }
                }, "runnel-exception-listener-" + connectionId);
                thread.setDaemon(true);
                thread.start();
            }
            transport.close(); // releases the I/O thread; nothing more can be sent
        }
    }
}
