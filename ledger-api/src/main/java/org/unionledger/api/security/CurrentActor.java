package org.unionledger.api.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The actor of the current request, from Spring Security's context (built-in user or JWT). */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Actor.SYSTEM;
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority())
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        Object principal = authentication.getPrincipal();
        if (principal instanceof LedgerUserDetails details) {
            return new Actor(details.getUsername(), roles, details.user().orgId(), details.user().memberId());
        }
        if (authentication instanceof JwtAuthenticationToken token
                && token.getDetails() instanceof JwtActorClaims claims) {
            return new Actor(authentication.getName(), roles, claims.orgId(), claims.memberId());
        }
        if (authentication.getClass().getSimpleName().equals("AnonymousAuthenticationToken")) {
            return new Actor("anonymous", Set.of(), null, null);
        }
        return new Actor(authentication.getName(), roles, null, null);
    }

    /** The organisation and member id read from a token's claims, kept as the authentication's details. */
    record JwtActorClaims(String orgId, String memberId) {
    }
}
