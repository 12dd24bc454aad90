package org.unionledger.projections.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Period digests: for each month, the chain head after the last chained event (highest global
 * index) whose event time falls before the month's end. The digest commits to every event with a
 * global index up to the head's.
 */
public final class PeriodDigests {

    /** Months per request at most (ten years). */
    public static final int PERIODS_MAX = 120;

    private final DataSource dataSource;
    private final ZoneId booksZone;

    public PeriodDigests(DataSource dataSource, ZoneId booksZone) {
        this.dataSource = dataSource;
        this.booksZone = booksZone;
    }

    public List<PeriodDigest> between(YearMonth from, YearMonth to) throws SQLException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (from.plusMonths(PERIODS_MAX - 1).isBefore(to)) {
            throw new IllegalArgumentException("at most " + PERIODS_MAX + " periods per request");
        }
        List<PeriodDigest> digests = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            ChainHead head = ChainHead.read(connection);
            try (PreparedStatement query = connection.prepareStatement("SELECT chain_position, global_index, hash "
                    + "FROM event_hash_chain WHERE global_index = (SELECT max(global_index) FROM event_hash_chain "
                    + "WHERE event_time < ?)")) {
                for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(booksZone).toInstant();
                    query.setTimestamp(1, Timestamp.from(end));
                    boolean fin = head.eventTime() != null && !head.eventTime().isBefore(end);
                    try (ResultSet row = query.executeQuery()) {
                        digests.add(row.next()
                                ? new PeriodDigest(month.toString(), end, row.getLong(1), row.getLong(2),
                                        row.getString(3), fin)
                                : new PeriodDigest(month.toString(), end, 0, 0, HashChain.GENESIS, fin));
                    }
                }
            }
        }
        return digests;
    }
}
