package org.unionledger.api.pool;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.core.pool.Coverage;
import org.unionledger.core.pool.MutualAidPool;

/** Registers the pool's aggregates with Axon. */
@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

    @Bean
    ConfigurerModule mutualAidPoolAggregate(Cache aggregateCache) {
        return Aggregates.cached(MutualAidPool.class, aggregateCache);
    }

    /**
     * Coverages are created by the hundred thousand and rarely loaded again (claims), so they stay
     * out of the shared cache.
     */
    @Bean
    ConfigurerModule coverageAggregate() {
        return Aggregates.uncached(Coverage.class);
    }
}
