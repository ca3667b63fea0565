package io.runnel.client;

import java.io.Serializable;
import java.util.Objects;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

import io.runnel.client.jndi.RunnelObjectFactory;
import jakarta.jms.Destination;

/**
 * A Runnel queue or topic, identified by its physical name. Common base of {@link RunnelQueue} and
 * {@link RunnelTopic}; applications use those two.
 *
 * <p>Immutable and thread-safe. Serializable and {@link Referenceable}, so that it can be bound in JNDI; the
 * {@link Reference} carries the name under the address type {@value #NAME_ADDRESS} and is turned back into a
 * destination by {@link RunnelObjectFactory}.
 */
public abstract class RunnelDestination implements Destination, Serializable, Referenceable {

    /** The longest destination name accepted, in UTF-16 chars. */
    public static final int MAX_NAME_LENGTH = 255;

    /** The address type under which {@link #getReference()} stores the name. */
    public static final String NAME_ADDRESS = "name";

    private static final long serialVersionUID = 1L;

    /** The physical name. */
    private final String name;

    /**
     * @param name the physical name
     * @throws IllegalArgumentException if the name is not valid (see {@link #validateName(String)})
     */
    RunnelDestination(String name) {
        this.name = validateName(name);
    }

    /**
     * Checks a destination name: not null, not empty, at most {@value #MAX_NAME_LENGTH} chars, no control characters.
     *
     * @param name a destination name
     * @return the name
     * @throws IllegalArgumentException if the name is not valid, saying why
     */
    public static String validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("destination name is null or empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("destination name has " + name.length() + " chars, more than "
                    + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("destination name contains the control character U+"
                        + String.format("%04X", (int) name.charAt(i)) + " at index " + i);
            }
        }
        return name;
    }

    /** @return the physical name */
    public String getName() {
        return name;
    }

    /** @return true for a queue, false for a topic */
    public abstract boolean isQueue();

    /**
     * @return a JNDI reference that {@link RunnelObjectFactory} turns back into an equal destination
     */
    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), RunnelObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(NAME_ADDRESS, name));
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || other.getClass() != getClass()) {
            return false;
        }
        return name.equals(((RunnelDestination) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), name);
    }

    /** @return the physical name */
    @Override
    public String toString() {
        return name;
    }
}
