package org.unionledger.api.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/**
 * Registers an aggregate of ledger-core with Axon. ledger-core carries no Spring annotations, so
 * each feature declares its aggregates here, e.g. {@code @Bean ConfigurerModule poolAggregate(Cache
 * aggregateCache) { return Aggregates.cached(MutualAidPool.class, aggregateCache); }}.
 */
public final class Aggregates {

    /**
     * A snapshot is taken once loading an aggregate replayed this many events: a hot fund then
     * loads from its latest snapshot plus at most this many events (docs/PERFORMANCE.md).
     */
    public static final int SNAPSHOT_AFTER_EVENTS = 500;

    private Aggregates() {
    }

    /**
     * An event-sourced aggregate kept in the shared aggregate cache between commands, and
     * snapshotted (by the configuration's snapshotter, {@link LedgerSnapshotter}) when it grows.
     */
    public static <T> ConfigurerModule cached(Class<T> aggregateType, Cache aggregateCache) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(aggregateType)
                        .configureCache(c -> aggregateCache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                SNAPSHOT_AFTER_EVENTS)));
    }
}
