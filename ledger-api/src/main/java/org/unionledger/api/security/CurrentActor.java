package org.unionledger.api.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, from Spring Security's context. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Actor.SYSTEM;
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", ""))
                .collect(Collectors.toUnmodifiableSet());
        Object principal = authentication.getPrincipal();
        if (principal instanceof LedgerUserDetails details) {
            return new Actor(details.getUsername(), roles, details.user().orgId(), details.user().memberId());
        }
        return new Actor(authentication.getName(), roles, null, null);
    }
}
