package org.unionledger.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses query parameters carrying a NUL character: PostgreSQL text cannot hold one, so such a
 * value would otherwise fail deep inside a read model query with a 500. (Paths with %00 are already
 * refused by Spring Security's firewall.) Multipart bodies are not inspected here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ControlCharacterFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    ControlCharacterFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && (query.contains("%00") || query.indexOf('\u0000') >= 0)) {
            problems.write(response, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "NUL_CHARACTER_REFUSED",
                    "query parameters must not contain NUL characters"), request);
            return;
        }
        chain.doFilter(request, response);
    }
}
