package io.runnel.client;

import jakarta.jms.Topic;

/**
 * A Runnel topic, identified by its physical name. Equal to any other {@code RunnelTopic} with the same name.
 *
 * <p>Immutable and thread-safe; serializable and referenceable (see {@link RunnelDestination}).
 */
public final class RunnelTopic extends RunnelDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /**
     * @param name the topic's physical name
     * @throws IllegalArgumentException if the name is null, empty, longer than 255 chars or contains a control
     *                                  character
     */
    public RunnelTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public boolean isQueue() {
        return false;
    }
}
