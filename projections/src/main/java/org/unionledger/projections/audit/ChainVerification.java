package org.unionledger.projections.audit;

import java.time.Instant;

/**
 * The outcome of recomputing the chain from the event store.
 *
 * @param intact          true when every chained event recomputes to its stored hash
 * @param chainedEvents   events checked (the chain's length, or up to the requested index)
 * @param headGlobalIndex global index of the last event checked
 * @param headHash        the chain hash after the last event checked
 * @param pendingEvents   events stored after the chain's head, not chained yet (not a difference)
 * @param firstDifference the first difference, or null when intact
 * @param checkedAt       when the check ran
 */
public record ChainVerification(boolean intact, long chainedEvents, long headGlobalIndex, String headHash,
                                long pendingEvents, ChainDifference firstDifference, Instant checkedAt) {

    /** "chain intact: N events, head H", or the first difference. */
    public String summary() {
        if (intact) {
            return "chain intact: " + chainedEvents + " events, head " + headHash;
        }
        return "chain BROKEN: " + firstDifference.describe();
    }
}
