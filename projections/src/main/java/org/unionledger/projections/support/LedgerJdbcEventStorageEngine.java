package org.unionledger.projections.support;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.nextAndExtract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store with four changes to how tracking readers read it, and one to how it
 * writes: statements staged in a unit of work ({@link #stage}) go to PostgreSQL in the same round
 * trip as its events' insert (setting 63). Aggregate reads and tokens are Axon's own.
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

    private static final String STAGED = LedgerJdbcEventStorageEngine.class.getName() + ".staged";
    /**
     * Set on a root unit of work whose transaction it began itself ({@link RootTransactions}): no
     * outer transaction holds other work that a commit sent with its events would commit early.
     */
    public static final String OWN_TRANSACTION = LedgerJdbcEventStorageEngine.class.getName() + ".ownTransaction";
    /** One event's columns, in the order of Axon's schema().domainEventFields(). */
    private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * More events than this are appended as Axon does, after the staged statements: a statement
     * holds at most 65,535 parameters, and a command's events are rarely more than a few.
     */
    private static final int EVENTS_SENT_WITH_STAGED_MAX = 1_000;

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

    /**
     * Stages {@code statement} to be sent with the events of {@code unitOfWork}'s outermost unit of
     * work, ahead of their insert and in the same round trip, when that unit of work prepares its
     * commit. If it stores no events, the staged statements are sent on their own then.
     */
    public void stage(UnitOfWork<?> unitOfWork, StagedStatement statement) {
        UnitOfWork<?> root = unitOfWork.root();
        List<StagedStatement> staged = root.getResource(STAGED);
        if (staged == null) {
            staged = new ArrayList<>();
            root.resources().put(STAGED, staged);
            root.onPrepareCommit(u -> {
                List<StagedStatement> left = takeStaged(u);
                if (!left.isEmpty()) {
                    transactionManager.executeInTransaction(() -> send(left, List.of(), null, false));
                }
            });
        }
        staged.add(statement);
    }

    /**
     * Axon's append, or, with statements staged in the current unit of work, those statements and a
     * single insert of every event, sent as one prepared statement: one round trip.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<StagedStatement> staged = CurrentUnitOfWork.isStarted() ? takeStaged(CurrentUnitOfWork.get())
                : List.of();
        if (staged.isEmpty()) {
            super.appendEvents(events, serializer);
        } else if (events.size() <= EVENTS_SENT_WITH_STAGED_MAX
                && events.stream().allMatch(DomainEventMessage.class::isInstance)) {
            boolean commit = Boolean.TRUE.equals(CurrentUnitOfWork.get().root().getResource(OWN_TRANSACTION))
                    && staged.stream().allMatch(StagedStatement::decidedInSql);
            transactionManager.executeInTransaction(() -> send(staged, events, serializer, commit));
        } else {
            transactionManager.executeInTransaction(() -> send(staged, List.of(), null, false));
            super.appendEvents(events, serializer);
        }
    }

    private static List<StagedStatement> takeStaged(UnitOfWork<?> unitOfWork) {
        List<StagedStatement> staged = unitOfWork.root().getResource(STAGED);
        if (staged == null || staged.isEmpty()) {
            return List.of();
        }
        List<StagedStatement> taken = List.copyOf(staged);
        staged.clear();
        return taken;
    }

    /**
     * The staged statements, then the events' insert (domain events, serialized as Axon does), as one
     * statement; with {@code commit}, then COMMIT as well. PostgreSQL skips every statement after one
     * that fails, the COMMIT too, so the transaction then stays open for the unit of work to roll
     * back. After a COMMIT sent here, the unit of work's own commit finds the connection outside a
     * transaction and sends nothing (pgjdbc commits only an open transaction).
     */
    private void send(List<StagedStatement> staged, List<? extends EventMessage<?>> events, Serializer serializer,
                      boolean commit) {
        List<String> sql = new ArrayList<>();
        staged.forEach(statement -> sql.add(statement.sql()));
        if (!events.isEmpty()) {
            sql.add("INSERT INTO " + schema().domainEventTable() + " (" + schema().domainEventFields() + ") VALUES "
                    + String.join(", ", Collections.nCopies(events.size(), EVENT_ROW)));
        }
        if (commit) {
            sql.add("COMMIT");
        }
        try (Connection connection = getConnection();
             PreparedStatement statement = connection.prepareStatement(String.join("; ", sql))) {
            int next = 1;
            for (StagedStatement each : staged) {
                next = each.bind(statement, next);
            }
            for (EventMessage<?> event : events) {
                next = bindEvent(statement, next, (DomainEventMessage<?>) event, serializer);
            }
            try {
                statement.execute();
            } catch (SQLException failure) {
                for (StagedStatement each : staged) {
                    RuntimeException named = each.translate(failure);
                    if (named != null) {
                        throw named;
                    }
                }
                if (!events.isEmpty()) {
                    handlePersistenceException(failure, events.get(0)); // throws, naming a duplicate
                }
                throw failure;
            }
            boolean first = true;
            for (StagedStatement each : staged) {
                for (int i = 0; i < each.statements(); i++, first = false) {
                    if (!first) {
                        statement.getMoreResults();
                    }
                }
                each.read(statement.getResultSet());
            }
        } catch (SQLException failure) {
            throw new EventStoreException("Failed to send the statements staged with the events", failure);
        }
    }

    private int bindEvent(PreparedStatement statement, int first, DomainEventMessage<?> event, Serializer serializer)
            throws SQLException {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        statement.setString(first, event.getIdentifier());
        statement.setString(first + 1, event.getAggregateIdentifier());
        statement.setLong(first + 2, event.getSequenceNumber());
        statement.setString(first + 3, event.getType());
        writeTimestamp(statement, first + 4, event.getTimestamp());
        statement.setString(first + 5, payload.getType().getName());
        statement.setString(first + 6, payload.getType().getRevision());
        statement.setObject(first + 7, payload.getData());
        statement.setObject(first + 8, metaData.getData());
        return first + 9;
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
