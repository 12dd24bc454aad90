package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;

import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.unionledger.core.metadata.LedgerMetadata;

/** What the ledger copies onto the messages a handler sends, and where it copies nothing. */
class LedgerMetadataProviderTest {

    private final LedgerMetadataProvider provider = new LedgerMetadataProvider();
    private final EventMessage<String> event = GenericEventMessage.<String>asEventMessage("paid").withMetaData(
            MetaData.with(LedgerMetadata.PRINCIPAL, "caseworker2").and(LedgerMetadata.CORRELATION_ID, "request-1"));

    @Test
    void aProcessManagerHandlingAnEventPassesOnWhoAndWhichRequest() throws Exception {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            Map<String, ?> data = provider.correlationDataFor(event);
            assertThat(data, hasEntry(LedgerMetadata.PRINCIPAL, "caseworker2"));
            assertThat(data, hasEntry(LedgerMetadata.CORRELATION_ID, "request-1"));
            assertThat(data, hasEntry(LedgerMetadata.CAUSATION_ID, event.getIdentifier()));
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void aProjectionsUnitOfWorkNeedsNothingAndReadsNoMetadata() throws Exception {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            Object seen = new DefaultInterceptorChain<>(unitOfWork, List.of(LedgerMetadataProvider.IN_PROJECTIONS),
                    provider::correlationDataFor).proceed();
            assertThat((Map<?, ?>) seen, anEmptyMap());
            assertThat("outside a projection's unit of work, data again",
                    DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> provider.correlationDataFor(event))
                            .getPayload().isEmpty(), equalTo(false));
        } finally {
            unitOfWork.rollback();
        }
    }
}
