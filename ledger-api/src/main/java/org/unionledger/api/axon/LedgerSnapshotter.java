package org.unionledger.api.axon;

import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;

/**
 * Takes snapshots of any ledger-core aggregate. Spring's default snapshotter looks for aggregate
 * factories among Spring beans, but ledger-core aggregates are registered through
 * {@link Aggregates#cached} and have none: this one builds a {@link GenericAggregateFactory} for a
 * type the first time it snapshots it.
 */
final class LedgerSnapshotter extends AggregateSnapshotter {

    LedgerSnapshotter(AggregateSnapshotter.Builder builder) {
        super(builder);
    }

    @Override
    protected AggregateFactory<?> getAggregateFactory(Class<?> aggregateType) {
        AggregateFactory<?> known = super.getAggregateFactory(aggregateType);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = super.getAggregateFactory(aggregateType);
            if (known == null) {
                known = new GenericAggregateFactory<>(aggregateType);
                registerAggregateFactory(known);
            }
            return known;
        }
    }
}
