package org.unionledger.projections.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The last link of the chain: its position (number of chained events), global index and hash.
 * An empty chain has position 0, global index 0 and the genesis hash.
 */
public record ChainHead(long position, long globalIndex, String hash, Instant eventTime) {

    public static final ChainHead EMPTY = new ChainHead(0, 0, HashChain.GENESIS, null);

    static ChainHead read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT chain_position, global_index, hash, "
                + "event_time FROM event_hash_chain ORDER BY global_index DESC LIMIT 1");
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return EMPTY;
            }
            return new ChainHead(row.getLong(1), row.getLong(2), row.getString(3),
                    row.getTimestamp(4).toInstant());
        }
    }
}
