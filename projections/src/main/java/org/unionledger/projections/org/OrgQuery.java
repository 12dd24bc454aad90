package org.unionledger.projections.org;

/** One organisation; answered with an {@link OrgView}, or null when unknown. */
public record OrgQuery(String orgId) {
}
