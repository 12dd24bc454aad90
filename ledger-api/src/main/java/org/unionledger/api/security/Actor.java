package org.unionledger.api.security;

import java.util.Map;
import java.util.Set;

import org.unionledger.core.metadata.LedgerMetadata;

/**
 * Who is acting: the signed-in principal, their roles and the organisation they belong to.
 * memberId is set for members, so they can be limited to their own data.
 */
public record Actor(String principal, Set<String> roles, String orgId, String memberId) {

    public static final Actor SYSTEM = new Actor("system", Set.of("SYSTEM"), null, null);

    public Map<String, Object> asMetadata() {
        java.util.HashMap<String, Object> metadata = new java.util.HashMap<>();
        metadata.put(LedgerMetadata.PRINCIPAL, principal);
        metadata.put(LedgerMetadata.ROLES, String.join(",", new java.util.TreeSet<>(roles)));
        if (orgId != null) {
            metadata.put(LedgerMetadata.ORG_ID, orgId);
        }
        return metadata;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
