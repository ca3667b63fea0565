package io.runnel.broker.session;

import io.runnel.broker.destination.Delivery;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client session on the broker: the deliveries it holds (pushed, not yet acknowledged or put back) and, when
 * transacted, the sends and acknowledgements of its open transaction.
 *
 * <p>Threading: {@link #deliveries} is written by partition threads (new deliveries) and the connection's event
 * loop (acknowledgements); the transaction fields are used only on the connection's event loop.
 */
final class ServerSession {
    final int id;
    final int ackMode;
    final Map<Long, Delivery> deliveries = new ConcurrentHashMap<>();

    /** The open transaction of a transacted session; replaced by a new one at commit and rollback. */
    Transaction tx = new Transaction();
    private boolean closed;

    /** The sends and acknowledgements of one local transaction. */
    static final class Transaction {
        /** Sends, each the MESSAGE record and its partition (filled as their destinations resolve). */
        final List<TxSend> sends = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Deliveries acknowledged in the transaction (still held: they go back on rollback). */
        final List<Delivery> acks = new ArrayList<>();
        /** Sends whose destination is still being resolved; commit waits for them. */
        final List<CompletableFuture<?>> pending = new ArrayList<>();
    }

    record TxSend(int partition, ByteBuffer record) {
    }

    ServerSession(int id, int ackMode) {
        this.id = id;
        this.ackMode = ackMode;
    }

    boolean isTransacted() {
        return ackMode == 0;
    }

    /** Removes and returns the named deliveries this session holds (unknown ids are ignored). */
    List<Delivery> take(long[] ids) {
        List<Delivery> taken = new ArrayList<>(ids.length);
        for (long id : ids) {
            Delivery d = deliveries.remove(id);
            if (d != null) {
                taken.add(d);
            }
        }
        return taken;
    }

    /** Removes and returns every delivery this session holds. */
    List<Delivery> takeAll() {
        List<Delivery> taken = new ArrayList<>(deliveries.values());
        for (Delivery d : taken) {
            deliveries.remove(d.id());
        }
        return taken;
    }

    /** Ends the open transaction (for commit or rollback) and starts the next one. */
    Transaction endTransaction() {
        Transaction ended = tx;
        tx = new Transaction();
        return ended;
    }

    /** Remembers a new delivery; false when the session already closed (the partition then puts it back). */
    synchronized boolean track(Delivery delivery) {
        if (closed) {
            return false;
        }
        deliveries.put(delivery.id(), delivery);
        return true;
    }

    /** Closes the session to new deliveries and returns every delivery it held. */
    synchronized List<Delivery> close() {
        closed = true;
        return takeAll();
    }
}
