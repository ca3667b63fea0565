package io.runnel.client.testpeer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;

/** A {@code receive()} running on a thread of its own, for tests of what ends a blocked receive. */
public final class BlockedReceive {

    private final Thread thread;
    private final CompletableFuture<Message> result = new CompletableFuture<>();

    private BlockedReceive(MessageConsumer consumer) {
        thread = new Thread(() -> {
            try {
                result.complete(consumer.receive());
            } catch (JMSException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "blocked-receive");
        thread.setDaemon(true);
    }

    /**
     * Starts {@code consumer.receive()} and returns once the thread waits inside it.
     *
     * @param consumer the consumer, on a queue that stays empty
     * @return the running receive
     */
    public static BlockedReceive start(MessageConsumer consumer) {
        BlockedReceive receive = new BlockedReceive(consumer);
        receive.thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receive.thread.getState() != Thread.State.WAITING && !receive.result.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("receive did not block within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return receive;
    }

    /** @return what receive returned or threw */
    public CompletableFuture<Message> result() {
        return result;
    }
}
