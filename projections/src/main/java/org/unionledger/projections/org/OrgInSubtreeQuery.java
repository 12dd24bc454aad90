package org.unionledger.projections.org;

/** Is orgId the organisation ancestorOrgId or below it? Answered with a Boolean (false if unknown). */
public record OrgInSubtreeQuery(String orgId, String ancestorOrgId) {
}
