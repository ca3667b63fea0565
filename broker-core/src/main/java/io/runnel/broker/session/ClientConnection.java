package io.runnel.broker.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.runnel.broker.catalog.CatalogException;
import io.runnel.broker.destination.Delivery;
import io.runnel.broker.destination.DeliverySink;
import io.runnel.broker.destination.ServerConsumer;
import io.runnel.broker.partition.Partition;
import io.runnel.broker.partition.PipelineClosedException;
import io.runnel.broker.persistence.PartitionRecords;
import io.runnel.protocol.AckType;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.ProtocolVersion;
import io.runnel.protocol.frame.AckFrame;
import io.runnel.protocol.frame.CommitFrame;
import io.runnel.protocol.frame.ConnectFrame;
import io.runnel.protocol.frame.ConnectedFrame;
import io.runnel.protocol.frame.ConsumerCloseFrame;
import io.runnel.protocol.frame.ConsumerOpenFrame;
import io.runnel.protocol.frame.CreditFrame;
import io.runnel.protocol.frame.DeliverFrame;
import io.runnel.protocol.frame.DisconnectFrame;
import io.runnel.protocol.frame.ErrorFrame;
import io.runnel.protocol.frame.Frame;
import io.runnel.protocol.frame.OkFrame;
import io.runnel.protocol.frame.PingFrame;
import io.runnel.protocol.frame.RollbackFrame;
import io.runnel.protocol.frame.SendFrame;
import io.runnel.protocol.frame.SessionCloseFrame;
import io.runnel.protocol.frame.SessionOpenFrame;
import io.runnel.protocol.message.MessageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection's state on the broker (sessions, consumers, deliveries) and the meaning of every request
 * frame. It turns frames into calls on the catalogue and the partitions and each call's outcome into the answer frame;
 * it does no I/O of its own except writing frames to its channel.
 *
 * <p>Threading: {@link #handle} and {@link #closed} run on the channel's event loop, one frame at a time in arrival
 * order, so the order in which a client sends requests is the order in which they reach each partition. Partition
 * threads call the {@link DeliverySink} methods.
 */
public final class ClientConnection implements DeliverySink {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final BrokerContext broker;
    private final Channel channel;
    private final long connectionId;
    private final AtomicLong deliveryIds = new AtomicLong();
    private final Map<Integer, ServerSession> sessions = new HashMap<>();
    private final Map<Long, ConsumerHandle> consumers = new HashMap<>();
    private final Map<Integer, ServerSession> sessionsById = new ConcurrentHashMap<>();
    private boolean connected;
    private boolean closed;

    /** A consumer whose creation may still be under way on its partition. */
    private record ConsumerHandle(ServerSession session, DestinationRef destination, CompletableFuture<Partition> partition,
                                  CompletableFuture<ServerConsumer> consumer) {
    }

    public ClientConnection(BrokerContext broker, Channel channel, long connectionId) {
        this.broker = broker;
        this.channel = channel;
        this.connectionId = connectionId;
    }

    public boolean isConnected() {
        return connected;
    }

    // ------------------------------------------------------------------ requests

    /**
     * Handles one request frame. Payload frames are released here.
     *
     * @return the answer, or null when the frame wants none
     */
    public CompletableFuture<Frame> handle(Frame frame) {
        int requestId = frame.requestId();
        try {
            if (!connected && !(frame instanceof ConnectFrame)) {
                throw new BrokerException(ErrorCode.PROTOCOL_ERROR, "the first frame must be CONNECT, not " + frame.type());
            }
            CompletableFuture<?> done = dispatch(frame);
            if (requestId == 0) {
                done.whenComplete((r, t) -> {
                    if (t != null) {
                        LOG.debug("connection {}: one-way {} failed: {}", connectionId, frame.type(), t.toString());
                    }
                });
                return null;
            }
            return done.handle((result, error) -> error == null
                    ? (result instanceof Frame answer ? answer : new OkFrame(requestId))
                    : errorFrame(requestId, error));
        } catch (RuntimeException e) {
            if (frame instanceof SendFrame send) {
                send.release();
            }
            return CompletableFuture.completedFuture(errorFrame(requestId, e));
        }
    }

    private CompletableFuture<?> dispatch(Frame frame) {
        if (frame instanceof SendFrame f) {
            return send(f);
        } else if (frame instanceof AckFrame f) {
            return ack(f);
        } else if (frame instanceof CreditFrame f) {
            return credit(f);
        } else if (frame instanceof CommitFrame f) {
            return commit(session(f.sessionId()));
        } else if (frame instanceof RollbackFrame f) {
            return rollback(session(f.sessionId()));
        } else if (frame instanceof ConsumerOpenFrame f) {
            return openConsumer(f);
        } else if (frame instanceof ConsumerCloseFrame f) {
            return closeConsumer(f);
        } else if (frame instanceof SessionOpenFrame f) {
            return openSession(f);
        } else if (frame instanceof SessionCloseFrame f) {
            return closeSession(session(f.sessionId()));
        } else if (frame instanceof ConnectFrame f) {
            return connect(f);
        } else if (frame instanceof PingFrame || frame instanceof DisconnectFrame) {
            return CompletableFuture.completedFuture(null);
        }
        throw new BrokerException(ErrorCode.PROTOCOL_ERROR, frame.type() + " is not a request");
    }

    private CompletableFuture<Frame> connect(ConnectFrame f) {
        if (connected) {
            throw new BrokerException(ErrorCode.PROTOCOL_ERROR, "already connected");
        }
        int version = Math.min(f.maxVersion(), ProtocolVersion.MAX);
        if (version < f.minVersion() || version < ProtocolVersion.MIN) {
            throw new BrokerException(ErrorCode.UNSUPPORTED_VERSION, "the broker speaks protocol versions "
                    + ProtocolVersion.MIN + ".." + ProtocolVersion.MAX + ", the client " + f.minVersion() + ".." + f.maxVersion());
        }
        connected = true;
        return CompletableFuture.completedFuture(new ConnectedFrame(f.requestId(), version, broker.brokerId(), connectionId));
    }

    private CompletableFuture<Void> openSession(SessionOpenFrame f) {
        if (f.ackMode() < 0 || f.ackMode() > 3) {
            throw new BrokerException(ErrorCode.PROTOCOL_ERROR, "unknown acknowledge mode " + f.ackMode());
        }
        ServerSession session = new ServerSession(f.sessionId(), f.ackMode());
        if (sessions.putIfAbsent(f.sessionId(), session) != null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "session " + f.sessionId() + " is already open");
        }
        sessionsById.put(f.sessionId(), session);
        return CompletableFuture.completedFuture(null);
    }

    private ServerSession session(int id) {
        ServerSession session = sessions.get(id);
        if (session == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "no session " + id + " on this connection");
        }
        return session;
    }

    private CompletableFuture<Void> send(SendFrame f) {
        ServerSession session;
        try {
            session = session(f.sessionId());
            MessageView.validate(f.message());
        } catch (RuntimeException e) {
            f.release();
            throw e;
        }
        boolean persistent = MessageView.isPersistent(f.message());
        CompletableFuture<Integer> partition = broker.catalog().resolve(f.destination());
        if (session.isTransacted()) {
            ServerSession.Transaction tx = session.tx;
            CompletableFuture<Void> held = partition.thenAccept(p -> tx.sends.add(
                    new ServerSession.TxSend(p, PartitionRecords.message(f.destination(), connectionId, f.message()))))
                    .whenComplete((r, t) -> f.release());
            tx.pending.add(held);
            return held;
        }
        return partition.thenCompose(p -> broker.partition(p).send(f.destination(), connectionId, f.message(), persistent))
                .whenComplete((r, t) -> f.release())
                .thenApply(offset -> null);
    }

    private CompletableFuture<Void> openConsumer(ConsumerOpenFrame f) {
        ServerSession session = session(f.sessionId());
        if (f.subscriptionName() != null || f.subscriptionFlags() != 0) {
            throw new BrokerException(ErrorCode.NOT_SUPPORTED, "durable and shared subscriptions are not supported yet");
        }
        if (f.selector() != null && !f.selector().isBlank()) {
            throw new BrokerException(ErrorCode.NOT_SUPPORTED, "message selectors are not supported yet");
        }
        if (f.credit() < 1) {
            throw new BrokerException(ErrorCode.PROTOCOL_ERROR, "a consumer needs a credit of at least 1");
        }
        if (consumers.containsKey(f.consumerId())) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "consumer " + f.consumerId() + " already exists");
        }
        CompletableFuture<Partition> partition = broker.catalog().resolve(f.destination()).thenApply(broker::partition);
        CompletableFuture<ServerConsumer> consumer = partition.thenCompose(p ->
                p.openConsumer(this, session.id, f.consumerId(), f.destination(), f.noLocal(), f.credit()));
        ConsumerHandle handle = new ConsumerHandle(session, f.destination(), partition, consumer);
        consumers.put(f.consumerId(), handle);
        consumer.whenComplete((c, t) -> {
            if (t != null) {
                channel.eventLoop().execute(() -> consumers.remove(f.consumerId(), handle));
            }
        });
        return consumer.thenApply(c -> null);
    }

    private CompletableFuture<Void> closeConsumer(ConsumerCloseFrame f) {
        ConsumerHandle handle = consumers.remove(f.consumerId());
        if (handle == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<Delivery> undelivered = handle.session.take(f.undeliveredIds());
        return handle.consumer.thenCompose(c -> handle.partition.join().closeConsumer(c, handle.destination, undelivered));
    }

    private CompletableFuture<Void> credit(CreditFrame f) {
        ConsumerHandle handle = consumers.get(f.consumerId());
        if (handle != null && f.credit() > 0) {
            handle.consumer.thenAccept(c -> handle.partition.join().credit(c, f.credit()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> ack(AckFrame f) {
        ServerSession session = session(f.sessionId());
        List<Delivery> deliveries = session.take(f.deliveryIds());
        AckType type = f.ackType();
        if (type == AckType.CONSUMED && session.isTransacted()) {
            session.tx.acks.addAll(deliveries);
            return CompletableFuture.completedFuture(null);
        }
        Map<Integer, List<Delivery>> byPartition = byPartition(deliveries);
        List<CompletableFuture<Void>> done = new ArrayList<>(byPartition.size());
        byPartition.forEach((p, list) -> {
            Partition partition = broker.partition(p);
            done.add(switch (type) {
                case CONSUMED -> partition.acknowledge(list).exceptionally(t -> {
                    partition.release(list, true, false);   // not acknowledged after all: it must come back, flagged
                    throw new CompletionException(t);
                });
                case REDELIVER -> partition.release(list, true, false);
                case UNDELIVERED -> partition.release(list, false, true);
            });
        });
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> commit(ServerSession session) {
        if (!session.isTransacted()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "session " + session.id + " is not transacted");
        }
        ServerSession.Transaction tx = session.endTransaction();
        return CompletableFuture.allOf(tx.pending.toArray(CompletableFuture[]::new))
                .handle((r, t) -> {
                    if (t != null) {
                        throw new BrokerException(ErrorCode.TRANSACTION_ROLLED_BACK,
                                "a send of the transaction failed, so it was rolled back: " + rootMessage(t));
                    }
                    return null;
                })
                .thenCompose(r -> {
                    java.util.Set<Integer> partitions = new java.util.TreeSet<>();
                    List<ByteBuffer> records = new ArrayList<>();
                    for (ServerSession.TxSend s : tx.sends) {
                        partitions.add(s.partition());
                        records.add(s.record());
                    }
                    for (Delivery d : tx.acks) {
                        partitions.add(d.consumer().partition());
                    }
                    if (partitions.isEmpty()) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (partitions.size() > 1) {
                        throw new BrokerException(ErrorCode.TRANSACTION_ROLLED_BACK,
                                "transactions spanning several partitions are not supported yet (partitions " + partitions + ")");
                    }
                    return broker.partition(partitions.iterator().next()).commit(records, tx.acks);
                })
                .whenComplete((r, t) -> {
                    if (t != null) {
                        releaseByPartition(tx.acks, true);
                    }
                });
    }

    private CompletableFuture<Void> rollback(ServerSession session) {
        if (!session.isTransacted()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "session " + session.id + " is not transacted");
        }
        return releaseByPartition(session.endTransaction().acks, true);
    }

    private CompletableFuture<Void> closeSession(ServerSession session) {
        sessions.remove(session.id);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Map.Entry<Long, ConsumerHandle> e : new ArrayList<>(consumers.entrySet())) {
            if (e.getValue().session == session) {
                consumers.remove(e.getKey());
                ConsumerHandle h = e.getValue();
                done.add(h.consumer.thenCompose(c -> h.partition.join().closeConsumer(c, h.destination, List.of()))
                        .exceptionally(t -> null));
            }
        }
        sessionsById.remove(session.id);
        List<Delivery> held = new ArrayList<>(session.endTransaction().acks);
        held.addAll(session.close());
        done.add(releaseByPartition(held, true));
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> releaseByPartition(List<Delivery> deliveries, boolean delivered) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        byPartition(deliveries).forEach((p, list) -> done.add(broker.partition(p).release(list, delivered, false)));
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private static Map<Integer, List<Delivery>> byPartition(List<Delivery> deliveries) {
        Map<Integer, List<Delivery>> map = new HashMap<>();
        for (Delivery d : deliveries) {
            map.computeIfAbsent(d.consumer().partition(), k -> new ArrayList<>()).add(d);
        }
        return map;
    }

    /** The channel closed (client gone, or closed by us): everything this connection held goes back, flagged. */
    public void closed() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSession session : new ArrayList<>(sessions.values())) {
            closeSession(session);
        }
        consumers.clear();
    }

    // ------------------------------------------------------------------ errors

    private ErrorFrame errorFrame(int requestId, Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BrokerException b) {
            return new ErrorFrame(requestId, b.code(), b.getMessage());
        }
        if (t instanceof CatalogException c) {
            return new ErrorFrame(requestId, c.code(), c.getMessage());
        }
        if (t instanceof io.runnel.protocol.ProtocolException p) {
            return new ErrorFrame(requestId, p.code(), p.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return new ErrorFrame(requestId, ErrorCode.PROTOCOL_ERROR, t.getMessage());
        }
        if (t instanceof PipelineClosedException) {
            return new ErrorFrame(requestId, ErrorCode.INTERNAL_ERROR, "the broker is shutting down");
        }
        if (t instanceof java.io.IOException) {
            LOG.error("connection {}: storage error", connectionId, t);
            return new ErrorFrame(requestId, ErrorCode.RESOURCE_ALLOCATION, "the broker could not store the request: " + t.getMessage());
        }
        LOG.error("connection {}: request {} failed", connectionId, requestId, t);
        return new ErrorFrame(requestId, ErrorCode.INTERNAL_ERROR, String.valueOf(t.getMessage()));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    // ------------------------------------------------------------------ DeliverySink (partition threads)

    @Override
    public long nextDeliveryId() {
        return deliveryIds.incrementAndGet();
    }

    @Override
    public boolean track(int sessionId, Delivery delivery) {
        ServerSession session = sessionsById.get(sessionId);
        return session != null && session.track(delivery);
    }

    @Override
    public void deliver(long consumerId, Delivery delivery, int deliveryCount, ByteBuffer record, int messageAt) {
        DeliverFrame frame = new DeliverFrame(0, consumerId, delivery.id(), deliveryCount,
                Unpooled.wrappedBuffer(record.array(), record.arrayOffset() + messageAt, record.limit() - messageAt));
        // the encoder takes its own slice of the message; our reference goes once the write is done
        channel.write(frame).addListener(written -> frame.release());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public long connectionId() {
        return connectionId;
    }
}
