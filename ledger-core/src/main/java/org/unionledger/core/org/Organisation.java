package org.unionledger.core.org;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.org.OrgCommands.RegisterOrganisation;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * One organisation of the union tree (city federation down to enterprise). Only the city
 * federation stands without a parent; every other organisation sits strictly below its parent.
 * Funds name their organisation by orgId.
 */
public class Organisation {

    @AggregateIdentifier
    private String orgId;

    protected Organisation() {
        // Axon rebuilds the organisation from its events.
    }

    @CommandHandler
    public Organisation(RegisterOrganisation command) {
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.name() != null && !command.name().isBlank(), "ORG_NAME_REQUIRED",
                "an organisation needs a name");
        BusinessRuleViolation.require(command.level() != null, "ORG_LEVEL_REQUIRED", "an organisation needs a level");
        if (command.parentOrgId() == null || command.parentOrgId().isBlank()) {
            BusinessRuleViolation.require(command.level() == OrgLevel.CITY_FEDERATION, "ORG_MUST_HAVE_PARENT",
                    "only a city federation stands without a parent organisation");
            apply(new OrganisationRegistered(command.orgId(), command.name().strip(), command.level(), null));
            return;
        }
        Ids.requireValid("parentOrgId", command.parentOrgId());
        BusinessRuleViolation.require(!command.parentOrgId().equals(command.orgId()), "ORG_CANNOT_BE_ITS_OWN_PARENT",
                "an organisation cannot be its own parent");
        BusinessRuleViolation.require(command.parentLevel() != null, "PARENT_ORG_MUST_EXIST",
                "no organisation " + command.parentOrgId());
        BusinessRuleViolation.require(command.level().isBelow(command.parentLevel()),
                "CHILD_LEVEL_MUST_BE_BELOW_PARENT", "a " + command.level() + " cannot sit under a "
                        + command.parentLevel());
        apply(new OrganisationRegistered(command.orgId(), command.name().strip(), command.level(),
                command.parentOrgId()));
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        orgId = event.orgId();
    }
}
