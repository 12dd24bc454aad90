package org.unionledger.projections.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.unionledger.projections.audit.ChainDifference.Kind;

/**
 * Recomputes the hash chain from the event store and compares it with the stored chain, event by
 * event in global order, and names the first difference. Reads both tables in one repeatable-read,
 * read-only transaction (a consistent snapshot), streaming rows with a bounded fetch size.
 * Runs against any DataSource: the ledger's, the command-line tool's, a test's scratch schema.
 */
public final class ChainVerifier {

    /** Rows fetched per round trip. */
    private static final int FETCH_SIZE = 1_000;

    private final Clock clock;

    public ChainVerifier(Clock clock) {
        this.clock = clock;
    }

    /** Verifies the whole chain. */
    public ChainVerification verify(DataSource dataSource) throws SQLException {
        return verify(dataSource, Long.MAX_VALUE);
    }

    /** Verifies the chain up to and including {@code globalIndexMax} (to check a published digest). */
    public ChainVerification verify(DataSource dataSource, long globalIndexMax) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return verify(connection, globalIndexMax);
            } finally {
                connection.rollback();
            }
        }
    }

    private ChainVerification verify(Connection connection, long globalIndexMax) throws SQLException {
        long chainEnd = Math.min(globalIndexMax, ChainHead.read(connection).globalIndex());
        try (PreparedStatement eventQuery = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry WHERE globalindex <= ? ORDER BY globalindex");
             PreparedStatement chainQuery = connection.prepareStatement("SELECT global_index, chain_position, "
                     + "event_identifier, hash, previous_hash, aggregate_identifier, sequence_number FROM event_hash_chain WHERE global_index <= ? "
                     + "ORDER BY global_index")) {
            eventQuery.setFetchSize(FETCH_SIZE);
            eventQuery.setLong(1, chainEnd);
            chainQuery.setFetchSize(FETCH_SIZE);
            chainQuery.setLong(1, chainEnd);
            try (ResultSet events = eventQuery.executeQuery(); ResultSet chain = chainQuery.executeQuery()) {
                return walk(connection, events, chain, chainEnd);
            }
        }
    }

    private ChainVerification walk(Connection connection, ResultSet events, ResultSet chain, long chainEnd)
            throws SQLException {
        String recomputed = HashChain.GENESIS;
        String storedPrevious = HashChain.GENESIS;
        long checked = 0;
        long headIndex = 0;
        StoredEvent event = events.next() ? StoredEvent.from(events) : null;
        while (chain.next()) {
            Link link = new Link(chain.getLong(1), chain.getLong(2), chain.getString(3), chain.getString(4),
                    chain.getString(5), chain.getString(6), chain.getLong(7));
            ChainDifference difference = compare(connection, event, link, recomputed, storedPrevious, checked);
            if (difference != null) {
                return broken(connection, checked, headIndex, recomputed, chainEnd, difference);
            }
            recomputed = HashChain.next(recomputed, event);
            if (!recomputed.equals(link.hash())) {
                return broken(connection, checked, headIndex, recomputed, chainEnd, new ChainDifference(Kind.ALTERED,
                        event.globalIndex(), event.eventIdentifier(), event.aggregateIdentifier(),
                        event.sequenceNumber(), "its stored bytes (payload, metadata or columns) no longer hash "
                        + "to the chained value " + link.hash()));
            }
            storedPrevious = link.hash();
            checked++;
            headIndex = link.globalIndex();
            event = events.next() ? StoredEvent.from(events) : null;
        }
        if (event != null) {
            ChainDifference inserted = unchained(connection, event);
            return broken(connection, checked, headIndex, recomputed, chainEnd, inserted);
        }
        return new ChainVerification(true, checked, headIndex, recomputed, pendingAfter(connection, chainEnd), null,
                clock.instant());
    }

    /** The difference at this link before hashing, or null when the event sits where the chain expects it. */
    private static ChainDifference compare(Connection connection, StoredEvent event, Link link, String recomputed,
                                           String storedPrevious, long checked) throws SQLException {
        if (!link.previousHash().equals(storedPrevious) || link.position() != checked + 1) {
            return new ChainDifference(Kind.CHAIN_ALTERED, link.globalIndex(), link.eventIdentifier(),
                    link.aggregateIdentifier(), link.sequenceNumber(), "the chain row does not link to the row before it (position " + link.position()
                    + ", previous hash " + link.previousHash() + ")");
        }
        if (event == null || event.globalIndex() > link.globalIndex()) {
            Optional<StoredEvent> moved = storedEvent(connection, link.eventIdentifier());
            if (moved.isPresent()) {
                StoredEvent found = moved.get();
                return new ChainDifference(Kind.REORDERED, link.globalIndex(), found.eventIdentifier(),
                        found.aggregateIdentifier(), found.sequenceNumber(), "chained at global index "
                        + link.globalIndex() + " but now stored at " + found.globalIndex());
            }
            return new ChainDifference(Kind.REMOVED, link.globalIndex(), link.eventIdentifier(),
                    link.aggregateIdentifier(), link.sequenceNumber(), "chained, but no longer in the event store");
        }
        if (event.globalIndex() < link.globalIndex()) {
            return unchained(connection, event);
        }
        if (!event.eventIdentifier().equals(link.eventIdentifier())) {
            Optional<Long> chainedAt = chainedIndexOf(connection, event.eventIdentifier());
            if (chainedAt.isPresent()) {
                return new ChainDifference(Kind.REORDERED, event.globalIndex(), event.eventIdentifier(),
                        event.aggregateIdentifier(), event.sequenceNumber(), "stored at this index, but chained at "
                        + chainedAt.get() + "; the chain expects event " + link.eventIdentifier() + " here");
            }
            return new ChainDifference(Kind.INSERTED, event.globalIndex(), event.eventIdentifier(),
                    event.aggregateIdentifier(), event.sequenceNumber(), "never chained; it replaced event "
                    + link.eventIdentifier() + " at this index");
        }
        return null;
    }

    private static ChainDifference unchained(Connection connection, StoredEvent event) throws SQLException {
        Optional<Long> chainedAt = chainedIndexOf(connection, event.eventIdentifier());
        if (chainedAt.isPresent()) {
            return new ChainDifference(Kind.REORDERED, event.globalIndex(), event.eventIdentifier(),
                    event.aggregateIdentifier(), event.sequenceNumber(), "stored at this index, but chained at "
                    + chainedAt.get());
        }
        return new ChainDifference(Kind.INSERTED, event.globalIndex(), event.eventIdentifier(),
                event.aggregateIdentifier(), event.sequenceNumber(),
                "in the event store before the chain's head, but never chained");
    }

    private ChainVerification broken(Connection connection, long checked, long headIndex, String recomputed,
                                     long chainEnd, ChainDifference difference) throws SQLException {
        return new ChainVerification(false, checked, headIndex, recomputed, pendingAfter(connection, chainEnd),
                difference, clock.instant());
    }

    private static long pendingAfter(Connection connection, long chainEnd) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM domainevententry WHERE globalindex > ?")) {
            query.setLong(1, chainEnd);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Optional<StoredEvent> storedEvent(Connection connection, String eventIdentifier)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry WHERE eventidentifier = ?")) {
            query.setString(1, eventIdentifier);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(StoredEvent.from(row)) : Optional.empty();
            }
        }
    }

    /** Only when the chain is found broken: event_identifier has no index (V601), so this reads the chain. */
    private static Optional<Long> chainedIndexOf(Connection connection, String eventIdentifier) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT global_index FROM event_hash_chain WHERE event_identifier = ?")) {
            query.setString(1, eventIdentifier);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private record Link(long globalIndex, long position, String eventIdentifier, String hash, String previousHash,
                        String aggregateIdentifier, long sequenceNumber) {
    }
}
