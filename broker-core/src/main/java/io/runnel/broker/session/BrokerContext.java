package io.runnel.broker.session;

import io.runnel.broker.catalog.Catalog;
import io.runnel.broker.partition.Partition;

import java.util.List;

/** What a client connection needs of the broker: the catalogue and the partitions. Immutable, shared by connections. */
public record BrokerContext(String brokerId, Catalog catalog, List<Partition> partitions) {
    public Partition partition(int number) {
        return partitions.get(number);
    }
}
