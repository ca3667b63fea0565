package io.runnel.broker.destination;

/**
 * A client's consumer as the broker sees it: the queue (or topic subscription) it draws from and the credit the
 * client granted. Created and changed only on the partition thread.
 */
public final class ServerConsumer {
    final int partition;
    final DeliverySink sink;
    final int sessionId;
    final long consumerId;
    final MessageQueue queue;
    final boolean noLocal;
    int credit;
    boolean closed;

    public ServerConsumer(int partition, DeliverySink sink, int sessionId, long consumerId, MessageQueue queue, boolean noLocal, int credit) {
        this.partition = partition;
        this.sink = sink;
        this.sessionId = sessionId;
        this.consumerId = consumerId;
        this.queue = queue;
        this.noLocal = noLocal;
        this.credit = credit;
    }

    public MessageQueue queue() {
        return queue;
    }

    public long consumerId() {
        return consumerId;
    }

    public DeliverySink sink() {
        return sink;
    }

    public void addCredit(int n) {
        credit = (int) Math.min(Integer.MAX_VALUE, (long) credit + n);
    }

    /** The number of the partition whose thread owns this consumer. */
    public int partition() {
        return partition;
    }

    public int sessionId() {
        return sessionId;
    }

    public boolean isNoLocal() {
        return noLocal;
    }

    /** A consumer whose session is gone takes nothing more. */
    public void stopCredit() {
        credit = 0;
    }

    public boolean isClosed() {
        return closed;
    }
}
