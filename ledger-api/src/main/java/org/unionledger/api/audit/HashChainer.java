package org.unionledger.api.audit;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionledger.projections.audit.HashChainAppender;
import org.unionledger.projections.support.BackgroundPoller;

/**
 * Runs the hash chain's appender on a thread of its own: commands never wait for the chain. It
 * polls the event store every {@code chainerInterval} and appends in batches until caught up.
 */
public class HashChainer extends BackgroundPoller {

    private static final Logger log = LoggerFactory.getLogger(HashChainer.class);

    private final HashChainAppender appender;
    private final AuditProperties properties;
    private volatile boolean paused;

    HashChainer(HashChainAppender appender, AuditProperties properties, int priority) {
        // The chainer's thread priority: background work (BackgroundPriority), like the event processors.
        super("hash-chainer", priority, properties.chainerInterval(), Duration.ofSeconds(5));
        this.appender = appender;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (properties.chainerEnabled()) {
            super.start();
        }
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

    @Override
    protected void poll() {
        if (paused) {
            return;
        }
        try {
            appender.appendAll();
        } catch (Exception failure) {
            log.warn("Hash chain append failed; retrying at the next poll: {}", failure.toString());
        }
    }
}
