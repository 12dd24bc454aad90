package org.unionledger.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A bearer token (Keycloak style) to the ledger's actor: realm roles ({@code realm_access.roles})
 * that name a ledger role become ROLE_*, other realm roles are ignored; the organisation and the
 * member id come from their own claims (ledger.security.jwt). A token without an organisation
 * claim sees nothing outside its own member data.
 */
final class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Set<String> LEDGER_ROLES = Set.of(Roles.ADMIN, Roles.FINANCE_OFFICER, Roles.CLAIMS_REVIEWER,
            Roles.CASE_WORKER, Roles.AUDITOR, Roles.MEMBER);

    private final SecurityProperties.Jwt claims;

    JwtActorConverter(SecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString(claims.usernameClaim());
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt, authorities(jwt),
                name != null && !name.isBlank() ? name : jwt.getSubject());
        token.setDetails(new CurrentActor.JwtActorClaims(jwt.getClaimAsString(claims.orgClaim()),
                jwt.getClaimAsString(claims.memberClaim())));
        return token;
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (!(realmAccess instanceof Map<?, ?> realm) || !(realm.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream().map(String::valueOf).map(role -> role.toUpperCase().replaceFirst("^ROLE_", ""))
                .filter(LEDGER_ROLES::contains).distinct()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
