package io.runnel.protocol;

import java.util.Objects;

/**
 * A destination as named on the wire: its kind and its name ({@code dest} field encoding of docs/protocol.md).
 *
 * <p>Immutable; thread-safe.
 *
 * @param type the kind of destination, never null
 * @param name the name: non-empty, at most {@link #MAX_NAME_LENGTH} UTF-16 chars, no control characters
 */
public record DestinationRef(DestinationType type, String name) {

    /** The longest name accepted, in UTF-16 chars. */
    public static final int MAX_NAME_LENGTH = 255;

    /**
     * @param type as on the record
     * @param name as on the record
     * @throws NullPointerException     if {@code type} or {@code name} is null
     * @throws IllegalArgumentException if the name is empty, too long or contains a control character
     */
    public DestinationRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("destination name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "destination name has " + name.length() + " chars, more than " + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("destination name contains control character U+"
                        + String.format("%04X", (int) name.charAt(i)) + " at index " + i);
            }
        }
    }

    /**
     * @param name the queue's name
     * @return a reference to the queue
     */
    public static DestinationRef queue(String name) {
        return new DestinationRef(DestinationType.QUEUE, name);
    }

    /**
     * @param name the topic's name
     * @return a reference to the topic
     */
    public static DestinationRef topic(String name) {
        return new DestinationRef(DestinationType.TOPIC, name);
    }
}
