package org.unionledger.core.fund;

/** What a fund is for. */
public enum FundType {
    /** An organisation's own general fund: the source of allocations and of gifted coverage. */
    GENERAL,
    /** The staff medical mutual-aid pool. */
    MUTUAL_AID_POOL,
    /** The hardship relief fund. */
    HARDSHIP,
    /** Inclusive-benefit subsidy money. */
    SUBSIDY
}
