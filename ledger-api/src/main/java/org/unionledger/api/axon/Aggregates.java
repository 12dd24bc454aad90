package org.unionledger.api.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers an aggregate of ledger-core with Axon. ledger-core carries no Spring annotations, so
 * each feature declares its aggregates here, e.g. {@code @Bean ConfigurerModule poolAggregate(Cache
 * aggregateCache) { return Aggregates.cached(MutualAidPool.class, aggregateCache); }}.
 */
public final class Aggregates {

    private Aggregates() {
    }

    /** An event-sourced aggregate kept in the shared aggregate cache between commands. */
    public static <T> ConfigurerModule cached(Class<T> aggregateType, Cache aggregateCache) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(aggregateType).configureCache(c -> aggregateCache));
    }
}
