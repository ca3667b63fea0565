package io.runnel.client.jndi;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;

/**
 * A JNDI initial context factory for applications without a naming service: it builds a read-only, in-memory
 * context from the environment, with the conventions JMS users know.
 *
 * <pre>
 *  java.naming.factory.initial = io.runnel.client.jndi.RunnelInitialContextFactory
 *  java.naming.provider.url    = runnel://127.0.0.1:7672     (the default; "ConnectionFactory" uses it)
 *  connectionFactory.NAME      = broker URL                  (a connection factory bound as NAME)
 *  queue.NAME                  = physical name               (a RunnelQueue bound as NAME)
 *  topic.NAME                  = physical name               (a RunnelTopic bound as NAME)
 * </pre>
 * {@code ConnectionFactory} is always bound, to the provider URL, unless an entry redefines it. The environment
 * may come from the {@code Hashtable} given to {@code InitialContext} and from {@code jndi.properties} on the class
 * path (the JDK merges both).
 *
 * <p>Stateless and thread-safe; each call builds a new context.
 */
public class RunnelInitialContextFactory implements InitialContextFactory {

    /** The name under which the default connection factory is bound. */
    public static final String DEFAULT_CONNECTION_FACTORY_NAME = "ConnectionFactory";
    /** The prefix of connection factory entries. */
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    /** The prefix of queue entries. */
    public static final String QUEUE_PREFIX = "queue.";
    /** The prefix of topic entries. */
    public static final String TOPIC_PREFIX = "topic.";

    /** Creates the factory; {@code InitialContext} calls this through reflection. */
    public RunnelInitialContextFactory() {
    }

    /**
     * @param environment the JNDI environment, or null
     * @return a read-only context holding the entries of the environment
     * @throws ConfigurationException if an entry's URL or name is not valid
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> env = new Hashtable<>();
        if (environment != null) {
            env.putAll(environment);
        }
        Object providerUrl = env.get(Context.PROVIDER_URL);
        String url = providerUrl == null || providerUrl.toString().isBlank()
                ? RunnelConnectionFactory.DEFAULT_BROKER_URL
                : providerUrl.toString();
        Map<String, Object> bindings = new HashMap<>();
        bindings.put(DEFAULT_CONNECTION_FACTORY_NAME, create(DEFAULT_CONNECTION_FACTORY_NAME, () ->
                new RunnelConnectionFactory(url)));
        for (Map.Entry<Object, Object> entry : env.entrySet()) {
            String key = entry.getKey().toString();
            String value = entry.getValue() == null ? null : entry.getValue().toString();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                bindings.put(nameOf(key, CONNECTION_FACTORY_PREFIX), create(key, () ->
                        new RunnelConnectionFactory(value)));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(nameOf(key, QUEUE_PREFIX), create(key, () -> new RunnelQueue(value)));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(nameOf(key, TOPIC_PREFIX), create(key, () -> new RunnelTopic(value)));
            }
        }
        return new ReadOnlyContext(env, bindings);
    }

    private static String nameOf(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigurationException("JNDI entry '" + key + "' has no name after the prefix");
        }
        return name;
    }

    private static Object create(String key, ObjectSupplier supplier) throws ConfigurationException {
        try {
            return supplier.get();
        } catch (IllegalArgumentException e) {
            ConfigurationException failure = new ConfigurationException("invalid JNDI entry '" + key + "': "
                    + e.getMessage());
            failure.setRootCause(e);
            throw failure;
        }
    }

    /** Creates one bound object. */
    @FunctionalInterface
    private interface ObjectSupplier {
        Object get();
    }
}
