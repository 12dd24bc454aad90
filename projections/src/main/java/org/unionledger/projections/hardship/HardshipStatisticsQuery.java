package org.unionledger.projections.hardship;

/** Hardship statistics, for one organisation or (orgId null) for all. */
public record HardshipStatisticsQuery(String orgId) {
}
