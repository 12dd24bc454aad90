package org.unionledger.api.subsidy;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.api.axon.PolicyCommandGateway;
import org.unionledger.core.subsidy.SubsidyPolicy;
import org.unionledger.core.subsidy.SubsidyProgram;

/** Registers the subsidy program aggregate and its policy (own tracking processor). */
@Configuration(proxyBeanMethods = false)
class SubsidyConfiguration {

    @Bean
    ConfigurerModule subsidyProgramAggregate(Cache aggregateCache) {
        return Aggregates.cached(SubsidyProgram.class, aggregateCache);
    }

    @Bean
    SubsidyPolicy subsidyPolicy(PolicyCommandGateway commands) {
        return new SubsidyPolicy(commands.gateway());
    }

    @Bean
    ConfigurerModule subsidyPolicyProcessingGroup() {
        return configurer -> configurer.eventProcessing().assignHandlerTypesMatching(
                SubsidyPolicy.PROCESSING_GROUP, type -> type == SubsidyPolicy.class);
    }
}
