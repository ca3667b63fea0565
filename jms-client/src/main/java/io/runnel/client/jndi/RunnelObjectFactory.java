package io.runnel.client.jndi;

import java.util.Enumeration;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.RunnelDestination;
import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;
import io.runnel.client.internal.config.FactoryProperties;

/**
 * Rebuilds Runnel connection factories and destinations from the JNDI {@link Reference}s they produce
 * ({@link RunnelConnectionFactory#getReference()}, {@link RunnelDestination#getReference()}). Naming providers
 * find it through the reference's factory class name.
 *
 * <p>Stateless and thread-safe.
 */
public class RunnelObjectFactory implements ObjectFactory {

    /** Creates the factory; naming providers call this through reflection. */
    public RunnelObjectFactory() {
    }

    /**
     * @param obj         a {@link Reference} to a Runnel connection factory, queue or topic
     * @param name        ignored
     * @param nameCtx     ignored
     * @param environment ignored
     * @return the rebuilt object, or null if {@code obj} is not a reference to a Runnel class (as the
     *         {@link ObjectFactory} contract asks)
     * @throws IllegalArgumentException if the reference holds an invalid value
     */
    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        String className = reference.getClassName();
        if (RunnelConnectionFactory.class.getName().equals(className)) {
            return connectionFactory(reference);
        }
        if (RunnelQueue.class.getName().equals(className)) {
            return new RunnelQueue(destinationName(reference));
        }
        if (RunnelTopic.class.getName().equals(className)) {
            return new RunnelTopic(destinationName(reference));
        }
        return null;
    }

    private static RunnelConnectionFactory connectionFactory(Reference reference) {
        RunnelConnectionFactory factory = new RunnelConnectionFactory();
        RefAddr url = reference.get(FactoryProperties.BROKER_URL);
        if (url != null) {
            factory.setBrokerUrl((String) url.getContent());
        }
        Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements()) {
            RefAddr address = addresses.nextElement();
            if (!FactoryProperties.BROKER_URL.equals(address.getType())) {
                FactoryProperties.apply(factory, address.getType(), (String) address.getContent());
            }
        }
        return factory;
    }

    private static String destinationName(Reference reference) {
        RefAddr address = reference.get(RunnelDestination.NAME_ADDRESS);
        if (address == null) {
            throw new IllegalArgumentException("reference to a " + reference.getClassName() + " lacks its '"
                    + RunnelDestination.NAME_ADDRESS + "' address");
        }
        return (String) address.getContent();
    }
}
