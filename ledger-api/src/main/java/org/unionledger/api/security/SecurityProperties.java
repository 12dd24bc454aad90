package org.unionledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users sign in and how far they see (ledger.security; the built-in users are bound by
 * {@link LedgerUsersProperties}).
 *
 * @param mode       basic: built-in users with HTTP Basic (embedded default); jwt: OAuth2 resource server,
 *                   bearer tokens from an OpenID provider such as Keycloak (needs
 *                   spring.security.oauth2.resourceserver.jwt.issuer-uri or public-key-location)
 * @param rootOrgId  users of this organisation (the city federation) see every organisation; users of any
 *                   other organisation see only their subtree
 * @param jwt        where the claims of a token are
 * @param payoutRate the per-user token bucket on payout endpoints
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(@DefaultValue("basic") Mode mode, @DefaultValue("city") String rootOrgId,
                                 @DefaultValue Jwt jwt, @DefaultValue PayoutRate payoutRate) {

    public enum Mode { BASIC, JWT }

    /**
     * @param usernameClaim the principal's name (falls back to sub)
     * @param orgClaim      the organisation the user belongs to
     * @param memberClaim   for members: their opaque member id
     */
    public record Jwt(@DefaultValue("preferred_username") String usernameClaim,
                      @DefaultValue("org_id") String orgClaim, @DefaultValue("member_id") String memberClaim) {
    }

    /**
     * @param capacity        payout requests a user may send in a burst
     * @param refillPerMinute tokens given back per minute
     */
    public record PayoutRate(@DefaultValue("60") long capacity, @DefaultValue("60") long refillPerMinute) {
    }
}
