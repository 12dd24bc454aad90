package org.unionledger.api.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's streaming event processors (projections and policies): caught up yet, and replays. */
final class Processors {

    /** What {@link #awaitCaughtUp} names the journal's indexes built after a replay. */
    static final String JOURNAL_INDEXES = "journal indexes";

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    Processors(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    List<StreamingEventProcessor> streaming() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    long head() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    long storedEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * True once every segment of every streaming processor has handled the event at {@code head},
     * and the journal's indexes dropped for a replay are built again (DeferredJournalIndexes): a
     * rebuild is over when its read models are as they were, indexes and all.
     */
    boolean caughtUpTo(long head) {
        for (StreamingEventProcessor processor : streaming()) {
            if (!caughtUpTo(processor, head)) {
                return false;
            }
        }
        return !journalIndexesPending();
    }

    private boolean journalIndexesPending() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM journal_deferred_index)",
                Boolean.class));
    }

    private static boolean caughtUpTo(StreamingEventProcessor processor, long head) {
        if (!processor.isRunning()) {
            return false;
        }
        var status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (segment.isErrorState() || position.isEmpty() || position.getAsLong() < head) {
                return false;
            }
        }
        return true;
    }

    /** Waits until caught up with what is stored now; returns how long that took (or throws). */
    Duration awaitCaughtUp(Duration max) throws InterruptedException {
        return awaitCaughtUp(max, (name, took) -> { });
    }

    /**
     * Waits until caught up with what is stored now, telling {@code caughtUp} the moment each
     * streaming processor that was behind gets there (which one a replay waits for); returns how
     * long all took.
     */
    Duration awaitCaughtUp(Duration max, BiConsumer<String, Duration> caughtUp) throws InterruptedException {
        long head = head();
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        Set<String> behind = new LinkedHashSet<>();
        streaming().stream().filter(processor -> !caughtUpTo(processor, head))
                .forEach(processor -> behind.add(processor.getName()));
        if (journalIndexesPending()) {
            behind.add(JOURNAL_INDEXES);
        }
        while (!caughtUpTo(head)) {
            for (var processor : streaming()) {
                if (behind.contains(processor.getName()) && caughtUpTo(processor, head)) {
                    behind.remove(processor.getName());
                    caughtUp.accept(processor.getName(), Duration.ofNanos(System.nanoTime() - start));
                }
            }
            if (behind.contains(JOURNAL_INDEXES) && !journalIndexesPending()) {
                behind.remove(JOURNAL_INDEXES);
                caughtUp.accept(JOURNAL_INDEXES, Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up with event " + head + " within " + max
                        + ": " + statusOfThoseBehind(head));
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (behind.remove(JOURNAL_INDEXES)) {
            caughtUp.accept(JOURNAL_INDEXES, took);
        }
        for (var processor : streaming()) {
            if (behind.contains(processor.getName())) {
                caughtUp.accept(processor.getName(), took);
            }
        }
        return took;
    }

    /** Where each processor that is not there yet stands: running or not, and each segment's position or error. */
    private String statusOfThoseBehind(long head) {
        StringBuilder status = new StringBuilder();
        for (StreamingEventProcessor processor : streaming()) {
            if (caughtUpTo(processor, head)) {
                continue;
            }
            status.append(processor.getName()).append(processor.isRunning() ? " running" : " stopped");
            processor.processingStatus().forEach((segment, tracker) -> status.append(", segment ").append(segment)
                    .append(" at ").append(tracker.getCurrentPosition())
                    .append(tracker.isErrorState() ? " failed: " + tracker.getError() : ""));
            status.append("; ");
        }
        if (journalIndexesPending()) {
            status.append("the journal's indexes not built yet (journal_deferred_index)");
        }
        return status.toString();
    }

    /**
     * Events the slowest projection has handled so far (those up to its position): how far a replay
     * got when it could not finish in time.
     */
    long handledBySlowestProjection() {
        long slowest = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : projections()) {
            for (EventTrackerStatus segment : processor.processingStatus().values()) {
                slowest = Math.min(slowest, segment.getCurrentPosition().orElse(-1));
            }
        }
        if (slowest == Long.MAX_VALUE) {
            return 0;
        }
        Long handled = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?", Long.class,
                slowest);
        return handled == null ? 0 : handled;
    }

    /**
     * The projections: every streaming processor that supports a reset, except process managers
     * (processing groups named {@code *_policy}), which must never see old events again: they
     * would send their commands once more.
     */
    List<StreamingEventProcessor> projections() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> !entry.getKey().endsWith("_policy"))
                .map(entry -> entry.getValue())
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset).toList();
    }

    /** Stops every projection, resets its tokens (running its reset handlers) and restarts it. */
    void resetProjections() {
        List<StreamingEventProcessor> projections = projections();
        projections.forEach(StreamingEventProcessor::shutDown);
        projections.forEach(StreamingEventProcessor::resetTokens);
        projections.forEach(StreamingEventProcessor::start);
    }
}
