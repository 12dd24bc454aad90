package org.unionledger.core.hardship;

/**
 * A grant's way: proposed by a case worker, approved by another person, money reserved on the
 * hardship fund (or awaiting funds when the fund cannot cover it), then paid.
 */
public enum GrantStatus {
    PROPOSED,
    APPROVED,
    AWAITING_FUNDS,
    RESERVED,
    PAID
}
