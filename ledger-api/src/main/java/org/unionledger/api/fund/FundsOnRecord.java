package org.unionledger.api.fund;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundType;

/**
 * Whether a fund was ever opened, and as what, asked of the event store (the write side). A command
 * about a fund must not depend on a read model, which may not yet show a fund opened a moment ago: a
 * bank statement imported right after the fund was opened would otherwise be refused as "no fund".
 */
@Component
public class FundsOnRecord {

    private final EventStore eventStore;

    FundsOnRecord(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** True when the event store holds at least one event of an aggregate with this id. */
    public boolean exists(String fundId) {
        return eventStore.lastSequenceNumberFor(fundId).isPresent();
    }

    /**
     * The type the fund was opened with, from its first event (read from sequence 0, so never from a
     * snapshot); empty when no fund was opened under this id.
     */
    public Optional<FundType> typeOf(String fundId) {
        DomainEventStream events = eventStore.readEvents(fundId, 0);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof FundOpened opened ? Optional.of(opened.fundType()) : Optional.empty();
    }
}
