package io.runnel.client.internal.jms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.runnel.protocol.frame.Frame;
import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * The asynchronous sends of one session (JMS 2.0 {@link CompletionListener}): calls the listeners, in send order,
 * on a thread of their own (never the sending thread, never the I/O thread), and lets {@code close} and
 * {@code commit} wait until every send has been answered and its callback has returned.
 *
 * <p>Thread-safe; the callback thread is created with the first asynchronous send.
 */
final class AsyncSends {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncSends.class);

    private final String threadName;
    private final long timeoutMillis;
    private ExecutorService executor;
    private volatile Thread callbackThread;
    private int outstanding;

    AsyncSends(String threadName, long timeoutMillis) {
        this.threadName = threadName;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Calls the listener once the answer arrives.
     *
     * @param answer   the send's answer
     * @param message  the message the application sent
     * @param listener the application's listener
     */
    void track(CompletableFuture<Frame> answer, Message message, CompletionListener listener) {
        ExecutorService callbacks;
        synchronized (this) {
            if (executor == null) {
                executor = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    callbackThread = thread;
                    return thread;
                });
            }
            callbacks = executor;
            outstanding++;
        }
        answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((frame, error) -> {
            try {
                callbacks.execute(() -> complete(message, listener, error));
            } catch (RejectedExecutionException e) {
                LOG.warn("completion listener not called: the session is closed");
                done();
            }
        });
    }

    private void complete(Message message, CompletionListener listener, Throwable error) {
        try {
            if (error == null) {
                listener.onCompletion(message);
            } else {
                listener.onException(message, ExceptionSupport.toJms(error));
            }
        } catch (RuntimeException e) {
            LOG.warn("completion listener threw", e);
        } finally {
            done();
        }
    }

    private synchronized void done() {
        outstanding--;
        notifyAll();
    }

    /** @return true if the calling thread is running a completion listener of this session */
    boolean isCallbackThread() {
        return Thread.currentThread() == callbackThread;
    }

    /**
     * @param operation what the caller is doing, for the message
     * @throws IllegalStateException if called from a completion listener of this session
     */
    void checkNotCallbackThread(String operation) throws IllegalStateException {
        if (isCallbackThread()) {
            throw new IllegalStateException("a CompletionListener must not call " + operation
                    + " on its own session or connection");
        }
    }

    /**
     * Waits until every asynchronous send has been answered and its listener has returned.
     *
     * @throws JMSException if interrupted
     */
    synchronized void awaitAll() throws JMSException {
        while (outstanding > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ExceptionSupport.create("interrupted while waiting for asynchronous sends", e);
            }
        }
    }

    /** Stops the callback thread once idle. */
    synchronized void shutdown() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
