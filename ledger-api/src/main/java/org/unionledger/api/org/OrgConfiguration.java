package org.unionledger.api.org;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.core.org.Organisation;

/** Registers the organisation aggregate. */
@Configuration(proxyBeanMethods = false)
class OrgConfiguration {

    @Bean
    ConfigurerModule organisationAggregate(Cache aggregateCache) {
        return Aggregates.cached(Organisation.class, aggregateCache);
    }
}
