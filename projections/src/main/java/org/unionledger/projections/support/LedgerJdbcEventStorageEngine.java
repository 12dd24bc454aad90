package org.unionledger.projections.support;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.nextAndExtract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store with four changes to how tracking readers read it. Writes, aggregate
 * reads and tokens are Axon's own.
 * <ul>
 * <li>It tells {@link EventPositions} the index of every event it reads that fills a gap, so the
 * projections record each event's own position (a gap-aware token keeps the highest index seen).</li>
 * <li>For the event store's producer only (the reader that may block, {@code mayBlock}), a batch
 * shorter than a full one ends the stream. The producer reads again at once whenever its last
 * stream found something, so nothing is missed; Axon would read once more in the same stream and,
 * finding nothing, also ask for the lowest index past the token (its check for a hole wider than
 * a batch, left by rolled-back appends).</li>
 * <li>For the producer only, that "lowest index" question is skipped once when its previous read
 * returned events and ended exactly at this token: the store had just been read up to here. Its
 * next empty read asks it, so a hole wider than a batch costs the producer one more round (after
 * at most the event store's fetch delay, a second, when nothing is committed meanwhile), never
 * stops it. With both, the producer's round after a commit is two statements instead of five
 * (docs/PERFORMANCE.md, setting 43).</li>
 * <li>The producer lingers: after a read that found less than a full batch it waits until a set
 * time has passed since that read, so the events committed meanwhile reach the processors as one
 * batch, one transaction each, instead of one or two events a transaction (setting 59).</li>
 * </ul>
 * A processor's private stream (catching up, or replaying after a reset) reads exactly as Axon
 * does, until a read finds nothing and no event lies past a hole: when such a stream ends, the
 * processor waits for the producer, which an idle store never wakes (setting 46).
 */
public class LedgerJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Per producer thread (one per event store): the token of the last event its last non-empty read returned. */
    private final ThreadLocal<TrackingToken> producerReadUpTo = new ThreadLocal<>();
    /** Per producer thread: when its last read that was not a full batch ended (System.nanoTime), or null. */
    private final ThreadLocal<Long> producerTailedAt = new ThreadLocal<>();
    private final long producerLingerNanos;
    private final EventPositions positions;
    private final TransactionManager transactionManager;

    /**
     * @param builder            Axon's builder, fully configured with {@code transactionManager}; its
     *                           extended gap check is turned off here and done by this class instead
     * @param transactionManager the one the builder was given
     * @param producerLinger     how long the producer waits, after a read that found less than a full
     *                           batch, before it reads again; zero reads again at once
     */
    public LedgerJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager,
                                        EventPositions positions, Duration producerLinger) {
        super(builder.extendedGapCheckEnabled(false));
        if (producerLinger.isNegative()) {
            throw new IllegalArgumentException("the producer's linger must not be negative: " + producerLinger);
        }
        this.transactionManager = transactionManager;
        this.positions = positions;
        this.producerLingerNanos = producerLinger.toNanos();
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        long own = resultSet.getLong(schema().globalIndexColumn());
        if (data.trackingToken() instanceof GapAwareTrackingToken token && token.getIndex() != own) {
            positions.gapFilled(token, own);
        }
        return data;
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new Batches(trackingToken, mayBlock), false);
    }

    /** The producer's read: as Axon's, without the "lowest index" question right after reading up to here. */
    private List<? extends TrackedEventData<?>> fetchForProducer(TrackingToken lastToken) {
        linger();
        List<? extends TrackedEventData<?>> events = fetchTrackedEvents(lastToken, batchSize());
        if (events.size() < batchSize()) {
            producerTailedAt.set(System.nanoTime());
        } else {
            producerTailedAt.remove();
        }
        if (!events.isEmpty()) {
            producerReadUpTo.set(events.get(events.size() - 1).trackingToken());
            return events;
        }
        boolean justReadUpToHere = lastToken != null && producerReadUpTo.get() == lastToken;
        producerReadUpTo.remove();
        return justReadUpToHere ? events : pastTheHole(lastToken);
    }

    /**
     * After a read that found less than a full batch (the producer is at the head of the store), waits
     * until the linger has passed since that read: events that commit meanwhile are then read, and
     * handed to the processors, as one batch rather than one by one. A first event after a quiet spell
     * is read at once, because its read comes more than a linger after the last one.
     */
    private void linger() {
        Long tailedAt = producerTailedAt.get();
        if (tailedAt == null || producerLingerNanos <= 0) {
            return;
        }
        long until = tailedAt + producerLingerNanos;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return; // the producer is being stopped: read (or stop) without waiting further
            }
        }
    }

    /** A read that found nothing: the events past a hole wider than a batch, if any (Axon's extended gap check). */
    private List<? extends TrackedEventData<?>> pastTheHole(TrackingToken lastToken) {
        long index = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        Long next = transactionManager.fetchInTransaction(() -> executeQuery(getConnection(),
                connection -> fetchTrackedEvents(connection, index),
                resultSet -> nextAndExtract(resultSet, 1, Long.class),
                failure -> new EventStoreException("Failed to read globalIndex ahead of token", failure)));
        return next == null ? List.of() : fetchTrackedEvents(lastToken, (int) (next - index));
    }

    /**
     * Axon's batches of tracked events. The producer's stream ends with the first batch that is not
     * full; any other stream with the first read that finds nothing, past a hole or not.
     */
    private final class Batches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private final boolean producer;
        private TrackingToken lastToken;
        private Iterator<? extends TrackedEventData<?>> batch;
        private boolean lastBatch;

        Batches(TrackingToken from, boolean producer) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT
                    | Spliterator.CONCURRENT);
            this.lastToken = from;
            this.producer = producer;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (batch == null || !batch.hasNext()) {
                if (lastBatch) {
                    return false;
                }
                List<? extends TrackedEventData<?>> events;
                if (producer) {
                    events = fetchForProducer(lastToken);
                    lastBatch = events.size() < batchSize();
                } else {
                    events = fetchTrackedEvents(lastToken, batchSize());
                    if (events.isEmpty()) {
                        events = pastTheHole(lastToken);
                    }
                    lastBatch = events.isEmpty();
                }
                batch = events.iterator();
            }
            if (!batch.hasNext()) {
                return false;
            }
            TrackedEventData<?> next = batch.next();
            lastToken = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
