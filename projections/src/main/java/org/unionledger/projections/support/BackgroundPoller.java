package org.unionledger.projections.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Background work of the ledger (the hash chainer, the journal's index builder): one daemon thread
 * that runs {@link #poll()} with a fixed delay between runs, started after the DataSource is ready
 * and stopped before it closes. Stopping lets a poll in progress finish, for at most
 * {@code stopWait}.
 */
public abstract class BackgroundPoller implements SmartLifecycle {

    private final String name;
    private final int priority;
    private final Duration interval;
    private final Duration stopWait;
    private ScheduledExecutorService thread;

    protected BackgroundPoller(String name, int priority, Duration interval, Duration stopWait) {
        this.name = name;
        this.priority = priority;
        this.interval = interval;
        this.stopWait = stopWait;
    }

    /** One run of the work; what it throws is its own to log (the next poll tries again). */
    protected abstract void poll();

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread polling = new Thread(runnable, name);
            polling.setDaemon(true);
            polling.setPriority(priority);
            return polling;
        });
        long intervalMs = interval.toMillis();
        thread.scheduleWithFixedDelay(this::poll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** Stops before the DataSource closes, starts after it is ready. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
