package org.unionledger.projections.subsidy;

/** Grassroots share of the money of orgId and below (all organisations when null); null when unknown. */
public record GrassrootsShareQuery(String orgId) {
}
