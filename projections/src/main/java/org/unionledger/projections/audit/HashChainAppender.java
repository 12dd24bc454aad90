package org.unionledger.projections.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Appends events of the event store to the hash chain, in global-index order, in batches, in a
 * transaction of its own: never inside a command's transaction.
 *
 * <p>Axon's global index has gaps: a sequence number taken by a transaction that rolled back is
 * never used, and a transaction may commit a lower index after a higher one is already visible.
 * The chain must not step over such a late event. So the appender chains the contiguous run after
 * its head and stops at a gap. It steps over a gap only when the gap is final: at least
 * {@code gapWait} has passed since it first saw the gap AND every transaction that was running at
 * that moment has ended (PostgreSQL's snapshot xmin has passed the xmax recorded then). A
 * transaction that took the missing index was running then (or had not yet been given an xid, a
 * window of microseconds that the wait covers), so once it has ended the index can never appear.
 * Gaps are rare (a concurrent write to the same aggregate, a crash) and cost one wait each.
 *
 * <p>Several ledger nodes may run an appender: a PostgreSQL advisory lock lets one append at a time.
 */
public final class HashChainAppender {

    /** Events appended per transaction at most. */
    public static final int BATCH_SIZE_MAX = 500;
    /** Advisory lock key of the chain's single writer ("600" for the audit migrations' range). */
    private static final long WRITER_LOCK_KEY = 600_001L;

    private final DataSource dataSource;
    private final Duration gapWait;
    private final Clock clock;
    private PendingGap pendingGap;

    public HashChainAppender(DataSource dataSource, Duration gapWait, Clock clock) {
        this.dataSource = dataSource;
        this.gapWait = gapWait;
        this.clock = clock;
    }

    /** Appends up to {@link #BATCH_SIZE_MAX} events; returns how many. */
    public synchronized int appendBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int appended = tryLock(connection) ? appendBatch(connection) : 0;
                connection.commit();
                return appended;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }

    /** Appends until the chain has caught up with the event store (or stops at an unfinished gap). */
    public int appendAll() throws SQLException {
        int total = 0;
        int appended;
        do {
            appended = appendBatch();
            total += appended;
        } while (appended == BATCH_SIZE_MAX);
        return total;
    }

    private int appendBatch(Connection connection) throws SQLException {
        ChainHead head = ChainHead.read(connection);
        List<StoredEvent> events = eventsAfter(connection, head.globalIndex());
        String previousHash = head.hash();
        long position = head.position();
        long expectedIndex = head.globalIndex() + 1;
        int appended = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_hash_chain (global_index, "
                + "chain_position, event_identifier, aggregate_identifier, sequence_number, event_time, hash, "
                + "previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredEvent event : events) {
                if (event.globalIndex() != expectedIndex && !gapIsFinal(connection, expectedIndex)) {
                    break;
                }
                pendingGap = null;
                String hash = HashChain.next(previousHash, event);
                position++;
                insert.setLong(1, event.globalIndex());
                insert.setLong(2, position);
                insert.setString(3, event.eventIdentifier());
                insert.setString(4, event.aggregateIdentifier());
                insert.setLong(5, event.sequenceNumber());
                insert.setTimestamp(6, Timestamp.from(HashChain.eventTime(event)));
                insert.setString(7, hash);
                insert.setString(8, previousHash);
                insert.addBatch();
                previousHash = hash;
                expectedIndex = event.globalIndex() + 1;
                appended++;
            }
            if (appended > 0) {
                insert.executeBatch();
            }
        }
        return appended;
    }

    private boolean gapIsFinal(Connection connection, long missingIndex) throws SQLException {
        Instant now = clock.instant();
        if (pendingGap == null || pendingGap.missingIndex() != missingIndex) {
            pendingGap = new PendingGap(missingIndex, now, snapshotBound(connection, "txid_snapshot_xmax"));
            return false;
        }
        boolean waited = !now.isBefore(pendingGap.firstSeen().plus(gapWait));
        return waited && snapshotBound(connection, "txid_snapshot_xmin") >= pendingGap.xmaxWhenSeen();
    }

    private static long snapshotBound(Connection connection, String function) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + function + "(txid_current_snapshot())");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, WRITER_LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static List<StoredEvent> eventsAfter(Connection connection, long globalIndex) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT " + BATCH_SIZE_MAX)) {
            query.setLong(1, globalIndex);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(StoredEvent.from(rows));
                }
            }
        }
        return events;
    }

    /** A gap the appender is waiting on: when first seen, and the snapshot's xmax at that moment. */
    private record PendingGap(long missingIndex, Instant firstSeen, long xmaxWhenSeen) {
    }
}
