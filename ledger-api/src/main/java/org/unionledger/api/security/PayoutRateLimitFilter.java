package org.unionledger.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.unionledger.api.web.ProblemResponses;

/**
 * A per-user token bucket (bucket4j) on the endpoints that pay money out: a stolen session or a
 * runaway script cannot drain a fund faster than ledger.security.payout-rate allows. Over the
 * limit: 429 problem+json PAYOUT_RATE_EXCEEDED with Retry-After in seconds. Runs after sign-in
 * (the bucket belongs to the principal) and before the controller, so refused requests count too.
 */
@Component
class PayoutRateLimitFilter extends OncePerRequestFilter {

    /** POST paths that move money out of a fund to a payee. */
    static final List<Pattern> PAYOUT_PATHS = List.of(
            Pattern.compile("/funds/[^/]+/reservations/[^/]+/disbursements"),
            Pattern.compile("/claims/[^/]+/payments"),
            Pattern.compile("/hardship-cases/[^/]+/grants/[^/]+/payments"),
            Pattern.compile("/subsidy-programs/[^/]+/applications/[^/]+/payments"));

    /**
     * Buckets kept at most. Only signed-in principals get one, so the map is bounded by the users; past
     * this number (a flood of distinct token subjects) the buckets start afresh.
     */
    private static final int USERS_MAX = 100_000;

    private final ProblemResponses problems;
    private final SecurityProperties.PayoutRate rate;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PayoutRateLimitFilter(ProblemResponses problems, SecurityProperties properties) {
        this.problems = problems;
        this.rate = properties.payoutRate();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PAYOUT_PATHS.stream().noneMatch(pattern -> pattern.matcher(path).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor = CurrentActor.get();
        if (buckets.size() > USERS_MAX) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(actor.principal(), principal -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long waitSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader("Retry-After", String.valueOf(waitSeconds));
        problems.write(response, ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "PAYOUT_RATE_EXCEEDED",
                "at most " + rate.capacity() + " payout requests in a burst and " + rate.refillPerMinute()
                        + " a minute per user; retry after " + waitSeconds + " s"), request);
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(rate.capacity())
                .refillGreedy(rate.refillPerMinute(), Duration.ofMinutes(1)).build()).build();
    }
}
