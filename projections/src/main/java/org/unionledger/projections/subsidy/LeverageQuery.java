package org.unionledger.projections.subsidy;

/** Leverage of the programs of orgId and below (all programs when orgId is null). */
public record LeverageQuery(String orgId) {
}
