package org.unionledger.api.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.common.IdentifierFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.unionledger.api.idempotency.CorrelationIds;

/**
 * Gives every request a correlation id (the client's X-Correlation-Id when well formed), puts it
 * in the log lines and the response, and from there into the metadata of every event caused.
 * A new id comes from Axon's identifier factory (the ledger's per-thread generator,
 * RandomIdentifierFactory), not {@code UUID.randomUUID()}: that one SecureRandom is a lock every
 * request took, and portal GETs waited on it for 150 ms at a time under load (Flight Recorder, P4
 * of {@code scripts/bench --quick}; docs/PERFORMANCE.md, setting 16).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CorrelationIds.HEADER);
        String correlationId = given != null && WELL_FORMED.matcher(given).matches()
                ? given : IdentifierFactory.getInstance().generateIdentifier();
        MDC.put(CorrelationIds.MDC_KEY, correlationId);
        response.setHeader(CorrelationIds.HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationIds.MDC_KEY);
        }
    }
}
