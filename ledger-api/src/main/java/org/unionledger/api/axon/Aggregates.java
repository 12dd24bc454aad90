package org.unionledger.api.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.PessimisticLockFactory;
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

    private static final int LOCK_ATTEMPT_MS = 100;
    private static final int LOCK_WAIT_MS_MAX = 60_000;
    private static final CachedCommandTargets COMMAND_TARGETS = new CachedCommandTargets();

    private Aggregates() {
    }

    /**
     * An event-sourced aggregate kept in the shared aggregate cache between commands, and
     * snapshotted (by the configuration's snapshotter, {@link LedgerSnapshotter}) when it grows.
     */
    public static <T> ConfigurerModule cached(Class<T> aggregateType, Cache aggregateCache) {
        return configurer -> configurer.configureAggregate(
                tuned(AggregateConfigurer.defaultConfiguration(aggregateType))
                        .configureCache(c -> aggregateCache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                SNAPSHOT_AFTER_EVENTS)));
    }

    /**
     * An event-sourced aggregate that is loaded from its few events each time (a coverage, a claim
     * key): no cache, no snapshots, the same locking and command routing as the others.
     */
    public static <T> ConfigurerModule uncached(Class<T> aggregateType) {
        return configurer -> configurer.configureAggregate(
                tuned(AggregateConfigurer.defaultConfiguration(aggregateType)));
    }

    /**
     * How a command finds its aggregate ({@link CachedCommandTargets}) and waits for its lock. Axon's
     * lock factory checks for a deadlock every 10 ms while a command waits for an aggregate, walking
     * every lock the waiting threads hold: an enrolment import batch holds hundreds (one per new
     * coverage) while it waits for the pool fund, and 17% of the import's CPU went to those checks.
     * Checking every 100 ms still finds a deadlock at once by human standards; the longest wait is
     * the same 60 s as Axon's default (600 x 100 ms).
     */
    private static <T> AggregateConfigurer<T> tuned(AggregateConfigurer<T> aggregate) {
        return aggregate
                .configureCommandTargetResolver(c -> COMMAND_TARGETS)
                .configureLockFactory(c -> PessimisticLockFactory.builder()
                        .lockAttemptTimeout(LOCK_ATTEMPT_MS)
                        .acquireAttempts(LOCK_WAIT_MS_MAX / LOCK_ATTEMPT_MS)
                        .build());
    }
}
