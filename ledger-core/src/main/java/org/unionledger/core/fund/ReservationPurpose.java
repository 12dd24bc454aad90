package org.unionledger.core.fund;

/** What held money is for; the journal books each purpose to its own payout account. */
public enum ReservationPurpose {
    CLAIM_PAYOUT,
    HARDSHIP_GRANT,
    SUBSIDY_GRANT,
    ALLOCATION,
    GIFTED_COVERAGE,
    OTHER
}
