package org.unionledger.api.allocation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.axon.PolicyCommandGateway;
import org.unionledger.core.allocation.AllocationPolicy;
import org.unionledger.core.metadata.PolicyMessages;

/** The allocation policy, in its own tracking processor. */
@Configuration(proxyBeanMethods = false)
class AllocationConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationConfiguration.class);

    @Bean
    AllocationPolicy allocationPolicy(PolicyCommandGateway commands) {
        return new AllocationPolicy(commands.gateway());
    }

    @Bean
    ConfigurerModule allocationPolicyProcessingGroup() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(AllocationPolicy.PROCESSING_GROUP, type -> type == AllocationPolicy.class)
                .registerListenerInvocationErrorHandler(AllocationPolicy.PROCESSING_GROUP,
                        c -> retryUnlessRefused());
    }

    /**
     * A step that failed for a passing reason (the other node wrote the same fund first:
     * ConcurrencyException; the database went away) is retried: the error goes up to the tracking
     * processor, which rolls the batch back and handles it again from its token (every step is
     * idempotent on the allocation id). Axon's default, logging and moving on, left the money held
     * or pending for ever (found by scripts/faults F2/F3/F4). A step refused by a rule is logged and
     * skipped, so one bad allocation cannot stop all the others.
     */
    static ListenerInvocationErrorHandler retryUnlessRefused() {
        return (exception, event, listener) -> {
            if (PolicyMessages.refusalCode(exception).isPresent()) {
                LOG.error("allocation policy: {} refused {}; skipped", event.getPayloadType().getSimpleName(),
                        event.getIdentifier(), exception);
                return;
            }
            throw exception;
        };
    }
}
