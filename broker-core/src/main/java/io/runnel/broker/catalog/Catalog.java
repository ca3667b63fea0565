package io.runnel.broker.catalog;

import io.runnel.broker.partition.CommitPipeline;
import io.runnel.broker.partition.StateMachine;
import io.runnel.protocol.DestinationRef;
import io.runnel.protocol.DestinationType;
import io.runnel.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metadata catalogue: which destinations exist and which partition holds each. It is a state machine over its
 * own small log ("meta"), committed through the same kind of {@link CommitPipeline} as the data partitions, so in a
 * cluster it is one more Raft group (like Kafka's KRaft controller quorum).
 *
 * <pre>
 * DESTINATION_CREATED record:
 *  0                8        9        10       12
 *  +----------------+--------+--------+--------+-------------+-----------------+
 *  | entryIndex i64 | type=1 | kind   | len i16| name UTF-8  | partition i32   |
 *  +----------------+--------+--------+--------+-------------+-----------------+
 * </pre>
 * The first record for a name wins; a later one for the same name (two connections creating it at once) is ignored.
 *
 * <p>Threading: {@link #apply} runs on the catalogue's executor; lookups read a concurrent map from any thread.
 */
public final class Catalog implements StateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final byte DESTINATION_CREATED = 1;

    private final int partitions;
    private final boolean autoCreate;
    private final Map<DestinationRef, Integer> destinations = new ConcurrentHashMap<>();
    private CommitPipeline pipeline;

    /**
     * @param partitions how many data partitions new destinations are spread over
     * @param autoCreate create destinations on first use; when false an unknown name is refused
     */
    public Catalog(int partitions, boolean autoCreate) {
        this.partitions = partitions;
        this.autoCreate = autoCreate;
    }

    public void attach(CommitPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * The partition of a destination, creating the destination when allowed.
     *
     * @return completes with the partition number, or exceptionally with a {@link CatalogException}
     *         (INVALID_DESTINATION) when the destination does not exist and may not be created
     */
    public CompletableFuture<Integer> resolve(DestinationRef destination) {
        DestinationRef key = key(destination);
        Integer partition = destinations.get(key);
        if (partition != null) {
            return CompletableFuture.completedFuture(partition);
        }
        if (!autoCreate) {
            return CompletableFuture.failedFuture(new CatalogException(ErrorCode.INVALID_DESTINATION,
                    "destination " + destination.name() + " does not exist and auto-create is off"));
        }
        return create(destination);
    }

    /** Creates a destination (idempotent); completes with its partition once the record is committed. */
    public CompletableFuture<Integer> create(DestinationRef destination) {
        DestinationRef key = key(destination);
        int partition = Math.floorMod(key.name().hashCode(), partitions);
        return pipeline.submit(List.of(record(key, partition)), true).thenApply(offset -> destinations.get(key));
    }

    public boolean exists(DestinationRef destination) {
        return destinations.containsKey(key(destination));
    }

    public Map<DestinationRef, Integer> destinations() {
        return Map.copyOf(destinations);
    }

    /** Temporary destinations are catalogued under their permanent kind: they differ in lifetime, not in storage. */
    private static DestinationRef key(DestinationRef d) {
        return switch (d.type()) {
            case TEMP_QUEUE -> new DestinationRef(DestinationType.QUEUE, d.name());
            case TEMP_TOPIC -> new DestinationRef(DestinationType.TOPIC, d.name());
            default -> d;
        };
    }

    private static ByteBuffer record(DestinationRef d, int partition) {
        byte[] name = d.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 1 + 1 + 2 + name.length + 4);
        b.putLong(-1L).put(DESTINATION_CREATED).put((byte) d.type().code()).putShort((short) name.length).put(name)
                .putInt(partition);
        return b.flip();
    }

    @Override
    public void apply(long offset, ByteBuffer record, boolean replay) {
        ByteBuffer b = record.duplicate();
        b.position(record.position() + 8);
        byte type = b.get();
        if (type != DESTINATION_CREATED) {
            LOG.warn("catalogue: skipping record of unknown type {} at offset {}", type, offset);
            return;
        }
        DestinationType kind = DestinationType.fromCode(b.get());
        byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(name);
        int partition = b.getInt();
        DestinationRef d = new DestinationRef(kind, new String(name, StandardCharsets.UTF_8));
        if (destinations.putIfAbsent(d, partition) == null && !replay) {
            LOG.info("created {} {} in partition {}", kind.name().toLowerCase(java.util.Locale.ROOT), d.name(), partition);
        }
    }

    @Override
    public void recovered() {
        LOG.info("catalogue: {} destinations", destinations.size());
    }
}
