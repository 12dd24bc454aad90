package org.unionledger.api.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits JSON commands (POST, PUT, PATCH, DELETE with a JSON body) a few at a time; reads are never
 * held back. A command is CPU from end to end (security, JSON, Axon, the event store) and the
 * machine has few cores: with every client's command running at once, the portal's queries wait
 * in the CPU's run queue behind them (docs/PERFORMANCE.md, P4 and setting 12). Commands beyond
 * the limit wait here, fairly, without using CPU; past {@code ledger.http.write-wait-max} the
 * answer is 503 {@code LEDGER_BUSY} with Retry-After, which a client can always retry: money
 * commands carry their own id. File uploads (imports, documents, statements) are not counted:
 * one can run for minutes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class WriteAdmissionFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;
    private final long waitMaxNanos;
    private final ProblemResponses problems;

    public WriteAdmissionFilter(ProblemResponses problems,
                                @Value("${ledger.http.concurrent-writes:0}") int concurrentWrites,
                                @Value("${ledger.http.write-wait-max:30s}") Duration waitMax) {
        this.problems = problems;
        this.limit = concurrentWrites > 0 ? concurrentWrites : 2 * Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(limit, true);
        this.waitMaxNanos = waitMax.toNanos();
    }

    /** How many commands run at once. */
    public int limit() {
        return limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJsonCommand(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitMaxNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            problems.write(response, ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "LEDGER_BUSY",
                    "the ledger is busy with other commands; nothing was recorded, send the same request again"),
                    request);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private static boolean isJsonCommand(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return false;
        }
        String contentType = request.getContentType();
        return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
