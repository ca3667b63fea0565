package io.runnel.client.internal.jms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that calls a session's message listeners, one message at a time (JMS serial delivery). It asks the
 * session to deliver one message after another and sleeps when none can be delivered (no message, connection
 * stopped) until {@link #wakeUp()}.
 *
 * <p>Thread-safe: {@link #wakeUp()} and {@link #stop(boolean)} may be called from any thread.
 */
final class SessionDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDispatcher.class);
    private static final long JOIN_MILLIS = 10_000;

    private final RunnelSession session;
    private final Thread thread;
    private final Object monitor = new Object();
    private boolean signalled;
    private volatile boolean stopped;

    SessionDispatcher(RunnelSession session, String threadName) {
        this.session = session;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Makes the thread look for deliverable messages again. */
    void wakeUp() {
        synchronized (monitor) {
            signalled = true;
            monitor.notifyAll();
        }
    }

    /** @return true if the calling thread is this dispatcher's */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops the thread after the listener it may be running returns.
     *
     * @param join wait for the thread to end (ignored when called from the thread itself)
     */
    void stop(boolean join) {
        stopped = true;
        wakeUp();
        if (join && !isCurrentThread()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            boolean delivered;
            try {
                delivered = session.dispatchOne();
            } catch (RuntimeException | Error e) {
                LOG.error("message dispatch failed", e);
                delivered = false;
            }
            if (!delivered && !stopped) {
                session.onDispatcherIdle();
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        synchronized (monitor) {
            while (!signalled && !stopped) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    stopped = true;
                    return;
                }
            }
            signalled = false;
        }
    }
}
