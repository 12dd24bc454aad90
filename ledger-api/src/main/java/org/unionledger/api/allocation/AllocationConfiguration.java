package org.unionledger.api.allocation;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.PolicyCommandGateway;
import org.unionledger.core.allocation.AllocationPolicy;

/** The allocation policy, in its own tracking processor. */
@Configuration(proxyBeanMethods = false)
class AllocationConfiguration {

    @Bean
    AllocationPolicy allocationPolicy(PolicyCommandGateway commands) {
        return new AllocationPolicy(commands.gateway());
    }

    @Bean
    ConfigurerModule allocationPolicyProcessingGroup() {
        return configurer -> configurer.eventProcessing().assignHandlerTypesMatching(
                AllocationPolicy.PROCESSING_GROUP, type -> type == AllocationPolicy.class);
    }
}
