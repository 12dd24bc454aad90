package org.unionledger.api.audit;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.unionledger.api.web.ProblemResponses;

/**
 * Auditors read, never write, anywhere: a request that could change something (any method but
 * GET, HEAD, OPTIONS) from a user whose only role is AUDITOR is refused with 403, whatever the
 * endpoint's own roles say. Runs after Spring Security has signed the user in.
 */
@Component
class AuditorReadOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ProblemResponses problems;

    AuditorReadOnlyFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!READ_METHODS.contains(request.getMethod()) && onlyAuditor()) {
            problems.write(response, ProblemResponses.problem(HttpStatus.FORBIDDEN, "AUDITOR_IS_READ_ONLY",
                    "auditors may read but never change anything"), request);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean onlyAuditor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        Set<String> roles = new java.util.HashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            roles.add(authority.getAuthority());
        }
        return roles.equals(Set.of("ROLE_AUDITOR"));
    }
}
