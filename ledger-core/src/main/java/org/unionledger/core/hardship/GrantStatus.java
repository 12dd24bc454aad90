package org.unionledger.core.hardship;

/**
 * A grant's way: proposed by a case worker, approved by another person, money reserved on the
 * hardship fund (or awaiting funds when the fund cannot cover it), then paid; or rejected by the checker.
 */
public enum GrantStatus {
    PROPOSED,
    APPROVED,
    AWAITING_FUNDS,
    RESERVED,
    PAID,
    /** Turned down by the checker; a rejected grant moves no money. */
    REJECTED
}
