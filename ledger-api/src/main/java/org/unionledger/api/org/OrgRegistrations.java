package org.unionledger.api.org;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.core.org.OrgCommands.RegisterOrganisation;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.projections.org.OrgQuery;
import org.unionledger.projections.org.OrgView;

/** Registers organisations one by one (POST /orgs) or from a file (POST /org-imports). */
@Component
class OrgRegistrations {

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;

    OrgRegistrations(IdempotentCommandSender commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    OrgView find(String orgId) {
        return queries.query(new OrgQuery(orgId), ResponseTypes.instanceOf(OrgView.class)).join();
    }

    /**
     * Registers one organisation, looking its parent up first: the parent's level, or null when
     * the tree does not know it, travels in the command so the aggregate decides the rule.
     *
     * @param parentLevelKnown the parent's level when the caller knows it already (an import)
     */
    IdempotentCommandSender.Outcome register(RegisterOrgRequest request, OrgLevel parentLevelKnown) {
        OrgLevel parentLevel = parentLevelKnown;
        if (parentLevel == null && request.parentOrgId() != null && !request.parentOrgId().isBlank()) {
            OrgView parent = find(request.parentOrgId());
            parentLevel = parent == null ? null : parent.level();
        }
        return commands.send(new RegisterOrganisation(request.orgId(), request.name(), request.level(),
                blankToNull(request.parentOrgId()), parentLevel), "RegisterOrganisation:" + request.orgId(), request);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record RegisterOrgRequest(@NotBlank @Size(max = 100) String orgId, @NotBlank @Size(max = 200) String name,
                              @NotNull OrgLevel level, @Size(max = 100) String parentOrgId) {
    }
}
