package org.unionledger.api.hardship;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.core.hardship.HardshipCase;
import org.unionledger.core.hardship.HardshipGrantPolicy;

/** Registers the hardship case aggregate and the grant policy (its own tracking processor). */
@Configuration(proxyBeanMethods = false)
class HardshipConfiguration {

    @Bean
    ConfigurerModule hardshipCaseAggregate(Cache aggregateCache) {
        return Aggregates.cached(HardshipCase.class, aggregateCache);
    }

    @Bean
    HardshipGrantPolicy hardshipGrantPolicy(CommandGateway commandGateway) {
        return new HardshipGrantPolicy(commandGateway);
    }

    /** ledger-core carries no Axon configuration annotations: the policy's processing group is named here. */
    @Bean
    ConfigurerModule hardshipPolicyProcessingGroup() {
        return configurer -> configurer.eventProcessing().assignHandlerTypesMatching(
                HardshipGrantPolicy.PROCESSING_GROUP, HardshipGrantPolicy.class::equals);
    }
}
