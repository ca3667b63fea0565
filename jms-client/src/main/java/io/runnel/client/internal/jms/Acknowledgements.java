package io.runnel.client.internal.jms;

import java.util.ArrayList;
import java.util.List;

import io.runnel.protocol.AckType;
import io.runnel.protocol.frame.AckFrame;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * The acknowledgement policy of one session: which {@code AckFrame}s its deliveries cause, per mode.
 *
 * <pre>
 *  mode                 before the app gets it   after receive / onMessage returns     on listener exception
 *  AUTO_ACKNOWLEDGE     -                        CONSUMED one-way                      REDELIVER one-way
 *  DUPS_OK_ACKNOWLEDGE  -                        batched CONSUMED one-way (every       REDELIVER one-way
 *                                                prefetch/2, and when idle or closing)
 *  CLIENT_ACKNOWLEDGE   remember the id          -  (Message.acknowledge(): CONSUMED    -
 *                                                   for all remembered ids, waited for)
 *  SESSION_TRANSACTED   CONSUMED one-way         -  (held by the broker until commit)   -
 * </pre>
 * Expired deliveries are acknowledged CONSUMED one-way without reaching the application.
 *
 * <p>Thread-safe: the remembered ids are guarded by this object's monitor; frames go through the connection, which
 * keeps their order.
 */
final class Acknowledgements {

    private final RunnelConnection connection;
    private final int sessionId;
    private final int ackMode;
    private final int dupsOkBatch;
    /** CLIENT_ACKNOWLEDGE: delivered to the application, not acknowledged yet. */
    private final List<Long> delivered = new ArrayList<>();
    /** DUPS_OK_ACKNOWLEDGE: consumed, acknowledgement not sent yet. */
    private final List<Long> dupsOkPending = new ArrayList<>();

    Acknowledgements(RunnelConnection connection, int sessionId, int ackMode, int prefetch) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.ackMode = ackMode;
        this.dupsOkBatch = Math.max(1, prefetch / 2);
    }

    /**
     * A delivery is about to be handed to the application.
     *
     * @param deliveryId the delivery
     * @throws JMSException if the acknowledgement cannot be sent
     */
    void beforeDelivery(long deliveryId) throws JMSException {
        if (ackMode == Session.SESSION_TRANSACTED) {
            send(AckType.CONSUMED, new long[] {deliveryId});
        } else if (ackMode == Session.CLIENT_ACKNOWLEDGE) {
            synchronized (this) {
                delivered.add(deliveryId);
            }
        }
    }

    /**
     * {@code receive} returned the delivery, or the listener returned from it.
     *
     * @param deliveryId     the delivery
     * @param listenerFailed true if {@code onMessage} threw
     * @throws JMSException if the acknowledgement cannot be sent
     */
    void afterDelivery(long deliveryId, boolean listenerFailed) throws JMSException {
        if (ackMode == Session.AUTO_ACKNOWLEDGE) {
            send(listenerFailed ? AckType.REDELIVER : AckType.CONSUMED, new long[] {deliveryId});
        } else if (ackMode == Session.DUPS_OK_ACKNOWLEDGE) {
            if (listenerFailed) {
                send(AckType.REDELIVER, new long[] {deliveryId});
                return;
            }
            boolean full;
            synchronized (this) {
                dupsOkPending.add(deliveryId);
                full = dupsOkPending.size() >= dupsOkBatch;
            }
            if (full) {
                flushDupsOk();
            }
        }
    }

    /**
     * An expired delivery was dropped without reaching the application.
     *
     * @param deliveryId the delivery
     * @throws JMSException if the acknowledgement cannot be sent
     */
    void expired(long deliveryId) throws JMSException {
        send(AckType.CONSUMED, new long[] {deliveryId});
    }

    /**
     * CLIENT_ACKNOWLEDGE: acknowledges every delivery handed to the application so far and waits for the broker.
     *
     * @throws JMSException if the broker does not confirm
     */
    void acknowledgeDelivered() throws JMSException {
        long[] ids;
        synchronized (this) {
            ids = toArray(delivered);
            delivered.clear();
        }
        if (ids.length > 0) {
            connection.call(id -> new AckFrame(id, sessionId, AckType.CONSUMED, ids));
        }
    }

    /**
     * DUPS_OK_ACKNOWLEDGE: sends the batched acknowledgements now.
     *
     * @throws JMSException if they cannot be sent
     */
    void flushDupsOk() throws JMSException {
        long[] ids;
        synchronized (this) {
            if (dupsOkPending.isEmpty()) {
                return;
            }
            ids = toArray(dupsOkPending);
            dupsOkPending.clear();
        }
        send(AckType.CONSUMED, ids);
    }

    /**
     * Session.recover(): the deliveries to put back as redelivered. Batched DUPS_OK acknowledgements are sent first
     * (the application considers those messages acknowledged).
     *
     * @param currentDeliveryId the delivery whose listener calls recover, or -1
     * @return the ids to acknowledge REDELIVER
     * @throws JMSException if batched acknowledgements cannot be sent
     */
    long[] takeForRecover(long currentDeliveryId) throws JMSException {
        if (ackMode == Session.CLIENT_ACKNOWLEDGE) {
            synchronized (this) {
                long[] ids = toArray(delivered);
                delivered.clear();
                return ids;
            }
        }
        flushDupsOk();
        return currentDeliveryId >= 0 ? new long[] {currentDeliveryId} : new long[0];
    }

    private void send(AckType type, long[] ids) throws JMSException {
        connection.oneWay(new AckFrame(0, sessionId, type, ids));
    }

    private static long[] toArray(List<Long> ids) {
        long[] array = new long[ids.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = ids.get(i);
        }
        return array;
    }
}
