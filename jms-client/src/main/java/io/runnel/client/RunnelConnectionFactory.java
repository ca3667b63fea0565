package io.runnel.client;

import java.io.Serializable;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

import io.runnel.client.internal.config.BrokerUrl;
import io.runnel.client.internal.config.ClientSettings;
import io.runnel.client.internal.config.FactoryProperties;
import io.runnel.client.internal.jms.RunnelConnection;
import io.runnel.client.jndi.RunnelObjectFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

/**
 * Creates connections to a Runnel broker. The entry point of the Runnel JMS client.
 *
 * <pre>{@code
 * ConnectionFactory cf = new RunnelConnectionFactory("runnel://broker1:7672,broker2:7672?prefetch=50");
 * try (Connection connection = cf.createConnection()) { ... }
 * }</pre>
 *
 * <p>Broker URLs have the form {@code runnel://host[:port][,host[:port]...][?key=value&...]} (port 7672 by
 * default). The keys are the names of this class's setters without "set", first letter lower case:
 * {@code prefetch}, {@code clientId}, {@code user}, {@code password}, {@code connectTimeoutMillis},
 * {@code requestTimeoutMillis}; setting the URL sets those properties. With several hosts a connection tries them
 * in order until one accepts the TCP connection.
 *
 * <p>Thread-safe: the setters and {@code createConnection} may be called from any thread; a connection takes a
 * snapshot of the settings when it is created. Serializable and {@link Referenceable} (see
 * {@link RunnelObjectFactory}) so that it can be bound in JNDI; note that the reference carries the password in
 * clear text if one is set.
 */
public class RunnelConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable {

    /** The broker URL of the no-arg constructor. */
    public static final String DEFAULT_BROKER_URL = "runnel://127.0.0.1:7672";
    /** The default number of messages the broker may push to a consumer ahead of its application. */
    public static final int DEFAULT_PREFETCH = 100;
    /** The default limit on a TCP connect, per host, in milliseconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The default limit on waiting for the broker's answer to a request, in milliseconds. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;

    private static final long serialVersionUID = 1L;

    /** The broker URL as set. */
    private String brokerUrl;
    /** The administratively configured client id, or null. */
    private String clientId;
    /** The user name of {@code createConnection()}, or null. */
    private String user;
    /** The password of {@code createConnection()}, or null. */
    private String password;
    /** Messages the broker may push to a consumer ahead of the application. */
    private int prefetch = DEFAULT_PREFETCH;
    /** The limit on a TCP connect, per host, in milliseconds. */
    private long connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MILLIS;
    /** The limit on waiting for the broker's answer, in milliseconds. */
    private long requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;

    /** Creates a factory for {@value #DEFAULT_BROKER_URL}. */
    public RunnelConnectionFactory() {
        this(DEFAULT_BROKER_URL);
    }

    /**
     * @param brokerUrl the broker URL; its options set the matching properties
     * @throws IllegalArgumentException if the URL is not valid, saying what is wrong
     */
    public RunnelConnectionFactory(String brokerUrl) {
        setBrokerUrl(brokerUrl);
    }

    // ---------------------------------------------------------------- properties

    /**
     * Sets the broker URL and the properties its options name.
     *
     * @param brokerUrl the broker URL
     * @throws IllegalArgumentException if the URL or one of its option values is not valid
     */
    public synchronized void setBrokerUrl(String brokerUrl) {
        BrokerUrl parsed = BrokerUrl.parse(brokerUrl);
        for (var option : parsed.options().entrySet()) {
            try {
                FactoryProperties.apply(this, option.getKey(), option.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid broker URL '" + BrokerUrl.mask(brokerUrl) + "': "
                        + e.getMessage(), e);
            }
        }
        this.brokerUrl = brokerUrl.trim();
    }

    /** @return the broker URL as it was set */
    public synchronized String getBrokerUrl() {
        return brokerUrl;
    }

    /**
     * Sets the client identifier of the connections this factory creates (administratively configured, so
     * {@code Connection.setClientID} then fails).
     *
     * @param clientId the client id, or null for none
     */
    public synchronized void setClientId(String clientId) {
        this.clientId = clientId == null || clientId.isEmpty() ? null : clientId;
    }

    /** @return the client id, or null */
    public synchronized String getClientId() {
        return clientId;
    }

    /** @param user the user name {@code createConnection()} authenticates with, or null */
    public synchronized void setUser(String user) {
        this.user = user;
    }

    /** @return the user name, or null */
    public synchronized String getUser() {
        return user;
    }

    /** @param password the password {@code createConnection()} authenticates with, or null */
    public synchronized void setPassword(String password) {
        this.password = password;
    }

    /** @return the password, or null */
    public synchronized String getPassword() {
        return password;
    }

    /**
     * @param prefetch how many messages the broker may push to each consumer ahead of the application
     *                 (default {@value #DEFAULT_PREFETCH})
     * @throws IllegalArgumentException if it is below 1
     */
    public synchronized void setPrefetch(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, not " + prefetch);
        }
        this.prefetch = prefetch;
    }

    /** @return the prefetch */
    public synchronized int getPrefetch() {
        return prefetch;
    }

    /**
     * @param connectTimeoutMillis the limit on a TCP connect, per host (default
     *                             {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS})
     * @throws IllegalArgumentException if it is not positive or above {@link Integer#MAX_VALUE}
     */
    public synchronized void setConnectTimeoutMillis(long connectTimeoutMillis) {
        if (connectTimeoutMillis < 1 || connectTimeoutMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeoutMillis must be within 1.." + Integer.MAX_VALUE
                    + ", not " + connectTimeoutMillis);
        }
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** @return the connect timeout in milliseconds */
    public synchronized long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /**
     * @param requestTimeoutMillis the limit on waiting for the broker's answer to a request (default
     *                             {@value #DEFAULT_REQUEST_TIMEOUT_MILLIS})
     * @throws IllegalArgumentException if it is not positive
     */
    public synchronized void setRequestTimeoutMillis(long requestTimeoutMillis) {
        if (requestTimeoutMillis < 1) {
            throw new IllegalArgumentException("requestTimeoutMillis must be positive, not " + requestTimeoutMillis);
        }
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /** @return the request timeout in milliseconds */
    public synchronized long getRequestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    // ---------------------------------------------------------------- connections

    /**
     * Creates a connection with the user and password of this factory. The connection is stopped.
     *
     * @return a new connection
     * @throws JMSException if the URL is not valid, no broker accepts the connection, or the broker refuses it
     *                      ({@link jakarta.jms.JMSSecurityException} for bad credentials)
     */
    @Override
    public Connection createConnection() throws JMSException {
        ClientSettings settings = settings(null, null, true);
        return RunnelConnection.open(settings);
    }

    /**
     * Creates a connection with the given credentials. The connection is stopped.
     *
     * @param userName the user name, or null
     * @param password the password, or null
     * @return a new connection
     * @throws JMSException as {@link #createConnection()}
     */
    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return RunnelConnection.open(settings(userName, password, false));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return RunnelConnection.open(settings(null, null, true));
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return RunnelConnection.open(settings(userName, password, false));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return RunnelConnection.open(settings(null, null, true));
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return RunnelConnection.open(settings(userName, password, false));
    }

    private synchronized ClientSettings settings(String userName, String pass, boolean useOwnCredentials)
            throws JMSException {
        BrokerUrl url;
        try {
            url = BrokerUrl.parse(brokerUrl);
        } catch (IllegalArgumentException e) {
            JMSException failure = new JMSException(e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        return new ClientSettings(url.hosts(), clientId, useOwnCredentials ? user : userName,
                useOwnCredentials ? password : pass, prefetch, connectTimeoutMillis, requestTimeoutMillis);
    }

    // ---------------------------------------------------------------- simplified API (issue #3)

    /**
     * Not supported yet.
     *
     * @throws JMSRuntimeException always
     */
    @Override
    public JMSContext createContext() {
        throw contextNotSupported();
    }

    /**
     * Not supported yet.
     *
     * @throws JMSRuntimeException always
     */
    @Override
    public JMSContext createContext(String userName, String password) {
        throw contextNotSupported();
    }

    /**
     * Not supported yet.
     *
     * @throws JMSRuntimeException always
     */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        throw contextNotSupported();
    }

    /**
     * Not supported yet.
     *
     * @throws JMSRuntimeException always
     */
    @Override
    public JMSContext createContext(int sessionMode) {
        throw contextNotSupported();
    }

    private static JMSRuntimeException contextNotSupported() {
        return new JMSRuntimeException("JMSContext is not supported yet");
    }

    // ---------------------------------------------------------------- JNDI

    /**
     * @return a reference holding every property of this factory, which {@link RunnelObjectFactory} turns back into
     *         an equivalent factory
     */
    @Override
    public synchronized Reference getReference() {
        Reference reference = new Reference(RunnelConnectionFactory.class.getName(),
                RunnelObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(FactoryProperties.BROKER_URL, brokerUrl));
        addIfSet(reference, FactoryProperties.CLIENT_ID, clientId);
        addIfSet(reference, FactoryProperties.USER, user);
        addIfSet(reference, FactoryProperties.PASSWORD, password);
        reference.add(new StringRefAddr(FactoryProperties.PREFETCH, Integer.toString(prefetch)));
        reference.add(new StringRefAddr(FactoryProperties.CONNECT_TIMEOUT_MILLIS,
                Long.toString(connectTimeoutMillis)));
        reference.add(new StringRefAddr(FactoryProperties.REQUEST_TIMEOUT_MILLIS,
                Long.toString(requestTimeoutMillis)));
        return reference;
    }

    private static void addIfSet(Reference reference, String name, String value) {
        if (value != null) {
            reference.add(new StringRefAddr(name, value));
        }
    }

    /** @return the URL (password masked) and client id */
    @Override
    public synchronized String toString() {
        return "RunnelConnectionFactory[brokerUrl=" + BrokerUrl.mask(brokerUrl) + ", clientId=" + clientId + "]";
    }
}
