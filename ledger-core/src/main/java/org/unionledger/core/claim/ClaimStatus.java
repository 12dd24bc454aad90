package org.unionledger.core.claim;

/** Where a claim stands. */
public enum ClaimStatus {
    /** Waiting for a reviewer. */
    SUBMITTED,
    /** Sent back to the member for more documents. */
    RETURNED,
    /** Approved once above the second-approval amount; a different reviewer must confirm. */
    AWAITING_SECOND_APPROVAL,
    /**
     * Finally approved; the same transaction goes on to hold the payout (PAYOUT_RESERVED) or to record
     * that the pool cannot cover it (AWAITING_FUNDS), so no stored claim stays here.
     */
    APPROVED,
    /** Finally approved and the benefit consumed, but the pool could not hold the payout yet. */
    AWAITING_FUNDS,
    /** Approved, the payout is held on the pool's fund: ready to be paid. */
    PAYOUT_RESERVED,
    PAID,
    REJECTED,
    CANCELLED;

    public boolean isUnderReview() {
        return this == SUBMITTED || this == AWAITING_SECOND_APPROVAL;
    }
}
