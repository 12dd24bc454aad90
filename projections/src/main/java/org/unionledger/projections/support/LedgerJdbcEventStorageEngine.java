package org.unionledger.projections.support;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.nextAndExtract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
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
 * Axon's JDBC event store with three changes to how tracking readers (the event store's producer
 * for the processors, and a processor catching up) read it. Writes, aggregate reads and tokens are
 * Axon's own.
 * <ul>
 * <li>It tells {@link EventPositions} the index of every event it reads that fills a gap, so the
 * projections record each event's own position (a gap-aware token keeps the highest index seen).</li>
 * <li>A batch shorter than a full one ends the stream: nothing more was stored when it was read.
 * Axon reads once more, and when that finds nothing, also asks for the lowest index past the token
 * (a hole wider than a batch, left by rolled-back appends, would otherwise stop the readers). The
 * reader opens a new stream when it wants more, as it does after any stream that ran dry.</li>
 * <li>That "lowest index" question is skipped once on a thread whose previous read returned events
 * and ended exactly at this token: the store had just been read up to here. The next empty read
 * asks it, so a hole wider than a batch delays the readers until the next commit wakes them (at most
 * the event store's fetch delay, a second), never longer. With both, the producer's round after a
 * commit is two statements instead of five (docs/PERFORMANCE.md, setting 43).</li>
 * </ul>
 */
public class LedgerJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Per reading thread: the token of the last event its last non-empty read returned. */
    private final ThreadLocal<TrackingToken> readUpTo = new ThreadLocal<>();
    private final EventPositions positions;
    private final TransactionManager transactionManager;

    /**
     * @param builder            Axon's builder, fully configured with {@code transactionManager}; its
     *                           extended gap check is turned off here and done by this class instead
     * @param transactionManager the one the builder was given
     */
    public LedgerJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager,
                                        EventPositions positions) {
        super(builder.extendedGapCheckEnabled(false));
        this.transactionManager = transactionManager;
        this.positions = positions;
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
        return StreamSupport.stream(new Batches(trackingToken), false);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        if (!events.isEmpty()) {
            readUpTo.set(events.get(events.size() - 1).trackingToken());
            return events;
        }
        boolean justReadUpToHere = lastToken != null && readUpTo.get() == lastToken;
        readUpTo.remove();
        if (justReadUpToHere) {
            return events;
        }
        long index = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        Long next = transactionManager.fetchInTransaction(() -> executeQuery(getConnection(),
                connection -> fetchTrackedEvents(connection, index),
                resultSet -> nextAndExtract(resultSet, 1, Long.class),
                failure -> new EventStoreException("Failed to read globalIndex ahead of token", failure)));
        return next == null ? events : super.fetchTrackedEvents(lastToken, (int) (next - index));
    }

    /** Axon's batches of tracked events, the last one being the first that is not full. */
    private final class Batches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken lastToken;
        private Iterator<? extends TrackedEventData<?>> batch;
        private boolean lastBatch;

        Batches(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT
                    | Spliterator.CONCURRENT);
            this.lastToken = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (batch == null || !batch.hasNext()) {
                if (lastBatch) {
                    return false;
                }
                List<? extends TrackedEventData<?>> events = fetchTrackedEvents(lastToken, batchSize());
                lastBatch = events.size() < batchSize();
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
