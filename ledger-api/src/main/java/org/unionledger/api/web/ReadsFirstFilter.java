package org.unionledger.api.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the cores are short, a portal read goes before a command: the thread that serves a request
 * that may change something (any method but GET, HEAD and OPTIONS) runs at the lowest Java thread
 * priority, a thread that serves a read at the normal one, and the event processors, the
 * snapshotter and the hash chainer run at the lowest all the time ({@link BackgroundPriority}). A
 * read still waits for PostgreSQL like any other, but not for the CPU that commands and projections
 * are using. Commands lose nothing but a little latency while reads are running; alone, every
 * thread runs at full speed.
 * <p>
 * A request thread keeps the priority of the last request it served, and the filter changes it
 * only when the next request is of the other kind: each change is a system call, and making two per
 * command (down, then back up) cost about 2% of the JVM's CPU under P1's commands alone
 * (docs/PERFORMANCE.md, setting 74).
 * <p>
 * Java maps thread priorities to Linux nice values only with {@code -XX:ThreadPriorityPolicy=1}
 * (scripts/run and scripts/bench pass it); without it the JVM ignores them and this filter changes
 * nothing. Off with {@code ledger.web.reads-first=false}. Measured effect: docs/PERFORMANCE.md,
 * setting 20.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ConditionalOnProperty(name = "ledger.web.reads-first", havingValue = "true", matchIfMissing = true)
class ReadsFirstFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int READ_PRIORITY = Thread.NORM_PRIORITY;
    private static final int COMMAND_PRIORITY = Thread.MIN_PRIORITY;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int priority = READS.contains(request.getMethod()) ? READ_PRIORITY : COMMAND_PRIORITY;
        Thread thread = Thread.currentThread();
        if (thread.getPriority() != priority) {
            thread.setPriority(priority);
        }
        chain.doFilter(request, response);
    }
}
