package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.unionledger.api.support.ApiTest;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Only the projection processors skip correlation data; process managers pass it on with their
 * commands. The projection processors reach their handlers by payload type.
 */
@ApiTest
class ProjectionInterceptorsTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theProjectionProcessorsAreMarkedAndTheProcessManagersAreNot() {
        for (String projections : ProjectionGroups.ALL) {
            assertThat(projections, processing.interceptorsFor(projections), hasItem(LedgerMetadataProvider.IN_PROJECTIONS));
        }
        for (String policy : new String[] {"hardship_policy", "subsidy_policy", "allocation_policy"}) {
            assertThat(policy, processing.interceptorsFor(policy), not(hasItem(LedgerMetadataProvider.IN_PROJECTIONS)));
        }
    }

    @Test
    void theProjectionProcessorsRouteEventsByType() {
        for (String projections : ProjectionGroups.ALL) {
            TrackingEventProcessor processor = processing.eventProcessor(projections, TrackingEventProcessor.class)
                    .orElseThrow();
            assertThat(projections, processor.eventHandlerInvoker().getClass(),
                    equalTo(TypeRoutedEventHandlerInvoker.class));
        }
    }
}
