package org.unionledger.projections.org;

import java.util.List;

/** A subtree, root first; truncated when it has more organisations than the query's limit. */
public record OrgSubtreeView(String orgId, List<OrgView> organisations, boolean truncated) {
}
