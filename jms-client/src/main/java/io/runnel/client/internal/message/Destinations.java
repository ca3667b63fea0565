package io.runnel.client.internal.message;

import io.runnel.client.RunnelDestination;
import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

/**
 * Converts between the JMS destinations an application holds (Runnel's own, or another provider's {@link Queue} /
 * {@link Topic} known by name) and the {@link DestinationRef} of the wire.
 *
 * <p>Stateless and thread-safe.
 */
public final class Destinations {

    private Destinations() {
    }

    /**
     * @param destination a destination, possibly of another provider
     * @return the Runnel destination of the same kind and name
     * @throws InvalidDestinationException if it is null, neither a queue nor a topic, or its name is not valid
     */
    public static RunnelDestination toRunnel(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("destination is null");
        }
        if (destination instanceof RunnelDestination runnel) {
            return runnel;
        }
        try {
            if (destination instanceof Queue queue) {
                return new RunnelQueue(queue.getQueueName());
            }
            if (destination instanceof Topic topic) {
                return new RunnelTopic(topic.getTopicName());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
        throw new InvalidDestinationException("unsupported destination " + destination.getClass().getName()
                + ": neither a Queue nor a Topic");
    }

    /**
     * @param destination a Runnel destination, or null
     * @return its wire reference, or null
     */
    public static DestinationRef toRef(RunnelDestination destination) {
        if (destination == null) {
            return null;
        }
        return new DestinationRef(destination.isQueue() ? DestinationType.QUEUE : DestinationType.TOPIC,
                destination.getName());
    }

    /**
     * @param ref a wire reference, or null
     * @return the Runnel destination of the same kind and name, or null
     */
    public static RunnelDestination fromRef(DestinationRef ref) {
        if (ref == null) {
            return null;
        }
        return ref.type().isQueue() ? new RunnelQueue(ref.name()) : new RunnelTopic(ref.name());
    }
}
