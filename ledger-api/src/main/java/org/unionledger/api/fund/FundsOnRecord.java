package org.unionledger.api.fund;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether a fund was ever opened, asked of the event store (the write side). A command about a fund
 * must not depend on a read model, which may not yet show a fund opened a moment ago: a bank statement
 * imported right after the fund was opened would otherwise be refused as "no fund".
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
}
