package org.unionledger.projections.audit;

/**
 * The first place where the event store and the stored hash chain disagree.
 *
 * @param kind                what differs
 * @param globalIndex         the global index where the difference starts
 * @param eventIdentifier     the event found there in the event store (or, when removed, the one
 *                            the chain expects there)
 * @param aggregateIdentifier that event's aggregate
 * @param sequenceNumber      that event's sequence number in its aggregate
 * @param detail              one sentence for a person
 */
public record ChainDifference(Kind kind, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              long sequenceNumber, String detail) {

    public enum Kind {
        /** The event is where the chain expects it, but its bytes (payload, metadata, ...) changed. */
        ALTERED,
        /** The chain holds an event the event store no longer has. */
        REMOVED,
        /** The event store holds an event the chain never saw at or before its head. */
        INSERTED,
        /** The event store holds a chained event at another global index than the chain recorded. */
        REORDERED,
        /** A row of the chain table itself does not link to the row before it. */
        CHAIN_ALTERED
    }

    /** One line: kind, global index, event, aggregate, detail. */
    public String describe() {
        return kind + " at global index " + globalIndex + ": event " + eventIdentifier + " of aggregate "
                + aggregateIdentifier + " (sequence " + sequenceNumber + "): " + detail;
    }
}
