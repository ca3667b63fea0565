package io.runnel.client.internal.jms;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.runnel.client.internal.transport.InboundDelivery;

/**
 * A consumer's prefetch buffer: deliveries the broker pushed that the application has not been given yet, in
 * arrival order. The I/O thread adds; {@code receive} callers and the session's listener thread take.
 *
 * <p>Thread-safe. A closed buffer takes nothing more and wakes every waiting taker, which then gets null.
 */
final class DeliveryBuffer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<InboundDelivery> deliveries = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param delivery a new delivery
     * @return false if the buffer is closed (the caller then returns the delivery to the broker)
     */
    boolean add(InboundDelivery delivery) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            deliveries.addLast(delivery);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return the oldest delivery, or null if there is none */
    InboundDelivery poll() {
        lock.lock();
        try {
            return deliveries.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest delivery once one is there and {@code deliverable} is true (the connection is started).
     *
     * @param deadlineNanos {@link System#nanoTime()} limit; {@link Long#MAX_VALUE} waits without limit, a past
     *                      value does not wait
     * @param deliverable   checked under the buffer's lock; a change must be followed by {@link #wakeUp()}
     * @return the delivery, or null on timeout or when the buffer is closed
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    InboundDelivery take(long deadlineNanos, BooleanSupplier deliverable) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                if (!deliveries.isEmpty() && deliverable.getAsBoolean()) {
                    return deliveries.pollFirst();
                }
                if (deadlineNanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0) {
                        return null;
                    }
                    changed.awaitNanos(remaining);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the number of buffered deliveries */
    int size() {
        lock.lock();
        try {
            return deliveries.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return true if no delivery is buffered */
    boolean isEmpty() {
        lock.lock();
        try {
            return deliveries.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** @return the ids of every buffered delivery, which are removed */
    long[] drainIds() {
        lock.lock();
        try {
            long[] ids = new long[deliveries.size()];
            int i = 0;
            for (InboundDelivery delivery : deliveries) {
                ids[i++] = delivery.deliveryId();
            }
            deliveries.clear();
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the buffer and wakes every taker.
     *
     * @return the ids of the deliveries still buffered, which are removed
     */
    long[] close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            return drainIds();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting takers so that they check {@code deliverable} again. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
