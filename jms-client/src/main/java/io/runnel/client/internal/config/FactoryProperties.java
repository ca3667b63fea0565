package io.runnel.client.internal.config;

import io.runnel.client.RunnelConnectionFactory;

/**
 * Sets a connection factory property given by name and text value: the one place that knows the property names
 * shared by broker URL options and JNDI references.
 *
 * <p>Stateless and thread-safe.
 */
public final class FactoryProperties {

    /** Property name of {@link RunnelConnectionFactory#setBrokerUrl(String)} (JNDI references only). */
    public static final String BROKER_URL = "brokerUrl";
    /** Property name of {@link RunnelConnectionFactory#setPrefetch(int)}. */
    public static final String PREFETCH = "prefetch";
    /** Property name of {@link RunnelConnectionFactory#setClientId(String)}. */
    public static final String CLIENT_ID = "clientId";
    /** Property name of {@link RunnelConnectionFactory#setUser(String)}. */
    public static final String USER = "user";
    /** Property name of {@link RunnelConnectionFactory#setPassword(String)}. */
    public static final String PASSWORD = "password";
    /** Property name of {@link RunnelConnectionFactory#setConnectTimeoutMillis(long)}. */
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    /** Property name of {@link RunnelConnectionFactory#setRequestTimeoutMillis(long)}. */
    public static final String REQUEST_TIMEOUT_MILLIS = "requestTimeoutMillis";

    private FactoryProperties() {
    }

    /**
     * @param factory the factory to change
     * @param name    a property name (one of the constants of this class)
     * @param value   its value as text
     * @throws IllegalArgumentException if the name is unknown or the value not valid for it
     */
    public static void apply(RunnelConnectionFactory factory, String name, String value) {
        switch (name) {
            case BROKER_URL -> factory.setBrokerUrl(value);
            case PREFETCH -> factory.setPrefetch(parseInt(name, value));
            case CLIENT_ID -> factory.setClientId(value);
            case USER -> factory.setUser(value);
            case PASSWORD -> factory.setPassword(value);
            case CONNECT_TIMEOUT_MILLIS -> factory.setConnectTimeoutMillis(parseLong(name, value));
            case REQUEST_TIMEOUT_MILLIS -> factory.setRequestTimeoutMillis(parseLong(name, value));
            default -> throw new IllegalArgumentException("unknown connection factory property '" + name + "'");
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
        }
    }
}
