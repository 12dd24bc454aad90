package org.unionledger.api.axon;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time limits on every unit of work (a command, a query, a processor's batch), as Axon's own
 * ({@code axon.timeout.transaction.*}, switched off with {@code axon.timeout.enabled: false}) with
 * the same defaults: a warning once one has run for {@code warningThresholdMs}, again every
 * {@code warningIntervalMs}, and at {@code timeoutMs} its thread is interrupted, so it fails with
 * {@link AxonTimeoutException} and its transaction rolls back.
 *
 * <p>Why not Axon's: its {@code UnitOfWorkTimeoutInterceptor} takes the thread's whole stack trace
 * when each unit of work starts (only to name the class that started it), and schedules and cancels
 * a task per unit of work. Under P1 that was 11.6% of the JVM's CPU (async-profiler; a command's
 * stack runs through Tomcat, the servlet filters and Spring Security, some 150 frames deep).
 * Here a unit of work that starts is added to a set, and one watchdog thread looks at the set four
 * times a second; a stack trace is taken only to warn, and then it shows where the thread is now,
 * which is what a reader of the warning wants (docs/PERFORMANCE.md, setting 70).
 */
final class UnitOfWorkTimeLimits implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWorkTimeLimits.class);
    private static final String RESOURCE = UnitOfWorkTimeLimits.class.getName() + ".watched";
    private static final long TICK_MS = 250;

    private final long timeoutNanos;
    private final long warningThresholdNanos;
    private final long warningIntervalNanos;
    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    /**
     * @param timeoutMs          a unit of work still running after this long is interrupted (> 0)
     * @param warningThresholdMs the first warning; none if negative or not below the timeout
     * @param warningIntervalMs  the warnings after the first (> 0)
     */
    UnitOfWorkTimeLimits(long timeoutMs, long warningThresholdMs, long warningIntervalMs) {
        if (timeoutMs <= 0 || warningIntervalMs <= 0) {
            throw new IllegalArgumentException("the timeout and the warning interval must be above 0 ms, were "
                    + timeoutMs + " and " + warningIntervalMs);
        }
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.warningThresholdNanos = warningThresholdMs < 0 || warningThresholdMs >= timeoutMs
                ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(warningThresholdMs);
        this.warningIntervalNanos = TimeUnit.MILLISECONDS.toNanos(warningIntervalMs);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "unit-of-work-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::look, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** The interceptor for one component (the command bus, the query bus, a processor), named in the warnings. */
    <T extends Message<?>> MessageHandlerInterceptor<T> interceptor(String component) {
        return new TimeLimit<>(component);
    }

    /** How many units of work are being watched now (for tests). */
    int running() {
        return running.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private Object handle(String component, UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        // One watch per outermost unit of work: a command sent inside a processor's batch runs
        // within the batch's limit.
        if (unitOfWork.root().resources().containsKey(RESOURCE)) {
            return chain.proceed();
        }
        Watched watched = new Watched(component, unitOfWork.getMessage().getPayloadType().getSimpleName(),
                Thread.currentThread(), System.nanoTime(), warningThresholdNanos);
        unitOfWork.root().resources().put(RESOURCE, watched);
        running.add(watched);
        unitOfWork.onCleanup(u -> finish(watched));
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception failed) {
            if (watched.interrupted()) {
                AxonTimeoutException timedOut = timedOut(watched);
                timedOut.addSuppressed(failed);
                throw timedOut;
            }
            throw failed;
        }
        if (watched.interrupted()) {
            // The handler swallowed the interruption: the unit of work must still fail and roll back.
            throw timedOut(watched);
        }
        return result;
    }

    private AxonTimeoutException timedOut(Watched watched) {
        return new AxonTimeoutException(watched.name() + " was interrupted after "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    }

    private void finish(Watched watched) {
        running.remove(watched);
        watched.finish();
    }

    /** The watchdog's round: warn about slow units of work, interrupt those past their time. */
    private void look() {
        try {
            long now = System.nanoTime();
            for (Watched watched : running) {
                long elapsed = now - watched.startedNanos();
                if (elapsed >= timeoutNanos) {
                    if (watched.interrupt()) {
                        LOG.warn("{} has run for {} ms, its limit: interrupted, it will roll back. Now at:{}",
                                watched.name(), TimeUnit.NANOSECONDS.toMillis(elapsed), stackOf(watched.thread()));
                    }
                } else if (elapsed >= watched.nextWarningNanos()) {
                    watched.warned(elapsed + warningIntervalNanos);
                    LOG.warn("{} has run for {} ms; it will be interrupted at {} ms. Now at:{}", watched.name(),
                            TimeUnit.NANOSECONDS.toMillis(elapsed), TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
                            stackOf(watched.thread()));
                }
            }
        } catch (RuntimeException unexpected) {
            // The watchdog must outlive anything one round meets: a scheduled task that throws is never run again.
            LOG.error("unit-of-work watchdog: a round failed", unexpected);
        }
    }

    private static String stackOf(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).limit(40).map(frame -> "\n\tat " + frame)
                .collect(Collectors.joining());
    }

    /** The interceptor of one component. */
    private final class TimeLimit<T extends Message<?>> implements MessageHandlerInterceptor<T> {

        private final String component;

        TimeLimit(String component) {
            this.component = component;
        }

        @Override
        public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
            return UnitOfWorkTimeLimits.this.handle(component, unitOfWork, chain);
        }
    }

    /** One running unit of work. Interrupting and finishing hold its lock, so an interrupt never outlives it. */
    private static final class Watched {

        private final String name;
        private final Thread thread;
        private final long startedNanos;
        private volatile long nextWarningNanos;
        private boolean finished;
        private boolean interrupted;

        Watched(String component, String message, Thread thread, long startedNanos, long firstWarningNanos) {
            this.name = component + " handling " + message + " on " + thread.getName();
            this.thread = thread;
            this.startedNanos = startedNanos;
            this.nextWarningNanos = firstWarningNanos;
        }

        String name() {
            return name;
        }

        Thread thread() {
            return thread;
        }

        long startedNanos() {
            return startedNanos;
        }

        long nextWarningNanos() {
            return nextWarningNanos;
        }

        void warned(long nextNanos) {
            nextWarningNanos = nextNanos;
        }

        /** Interrupts the thread unless the unit of work has finished or was interrupted already. */
        synchronized boolean interrupt() {
            if (finished || interrupted) {
                return false;
            }
            interrupted = true;
            thread.interrupt();
            return true;
        }

        synchronized boolean interrupted() {
            return interrupted;
        }

        /**
         * The unit of work is over: it can no longer be interrupted, and an interruption it did not
         * consume is cleared, so the thread's next task (a request thread's next request) starts clean.
         */
        synchronized void finish() {
            finished = true;
            if (interrupted && Thread.currentThread() == thread) {
                Thread.interrupted();
            }
        }
    }
}
