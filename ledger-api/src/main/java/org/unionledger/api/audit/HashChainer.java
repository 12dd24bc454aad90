package org.unionledger.api.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.unionledger.projections.audit.HashChainAppender;

/**
 * Runs the hash chain's appender on a thread of its own: commands never wait for the chain. It
 * polls the event store every {@code chainerInterval} and appends in batches until caught up.
 */
public class HashChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HashChainer.class);

    private final HashChainAppender appender;
    private final AuditProperties properties;
    /** The chainer's thread priority: background work (BackgroundPriority), like the event processors. */
    private final int priority;
    private ScheduledExecutorService thread;
    private volatile boolean paused;

    HashChainer(HashChainAppender appender, AuditProperties properties, int priority) {
        this.appender = appender;
        this.properties = properties;
        this.priority = priority;
    }

    @Override
    public synchronized void start() {
        if (!properties.chainerEnabled() || thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread chainer = new Thread(runnable, "hash-chainer");
            chainer.setDaemon(true);
            chainer.setPriority(priority);
            return chainer;
        });
        long intervalMs = properties.chainerInterval().toMillis();
        thread.scheduleWithFixedDelay(this::appendQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Appends what is there now, in the caller's thread (tests, and the verification endpoint). */
    public int catchUp() throws java.sql.SQLException {
        return appender.appendAll();
    }

    /** Stops appending until {@link #resume()} (used to measure what the chain costs writers). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private void appendQuietly() {
        if (paused) {
            return;
        }
        try {
            appender.appendAll();
        } catch (Exception failure) {
            log.warn("Hash chain append failed; retrying at the next poll: {}", failure.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
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
