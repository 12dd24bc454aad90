package org.unionledger.projections.org;

import java.util.List;

import org.unionledger.core.org.OrgLevel;

/**
 * An organisation in the tree.
 *
 * @param path  the ids from the root down to this organisation (it is the last)
 * @param depth 0 for the root
 */
public record OrgView(String orgId, String name, OrgLevel level, String parentOrgId, List<String> path, int depth) {
}
