package io.runnel.client;

import jakarta.jms.Queue;

/**
 * A Runnel queue, identified by its physical name. Equal to any other {@code RunnelQueue} with the same name.
 *
 * <p>Immutable and thread-safe; serializable and referenceable (see {@link RunnelDestination}).
 */
public final class RunnelQueue extends RunnelDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /**
     * @param name the queue's physical name
     * @throws IllegalArgumentException if the name is null, empty, longer than 255 chars or contains a control
     *                                  character
     */
    public RunnelQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public boolean isQueue() {
        return true;
    }
}
