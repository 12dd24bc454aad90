package org.unionledger.core.org;

import org.axonframework.serialization.Revision;

/** Facts about the organisation tree. */
public final class OrgEvents {

    private OrgEvents() {
    }

    @Revision("1")
    public record OrganisationRegistered(String orgId, String name, OrgLevel level, String parentOrgId) {
    }
}
