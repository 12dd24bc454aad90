package org.unionledger.projections.org;

/** An organisation and everything below it, in path order; null when the organisation is unknown. */
public record OrgSubtreeQuery(String orgId, int limit) {

    /** The most organisations one answer lists. */
    public static final int LIMIT_MAX = 10_000;
}
