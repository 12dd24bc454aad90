package org.unionledger.core.org;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on the organisation tree. */
public final class OrgCommands {

    private OrgCommands() {
    }

    /**
     * Register an organisation under its parent. The sender looks the parent up first and passes
     * its level (null when no such parent is known), so the rule is decided here without a query.
     */
    public record RegisterOrganisation(@TargetAggregateIdentifier String orgId, String name, OrgLevel level,
                                       String parentOrgId, OrgLevel parentLevel) {
    }
}
