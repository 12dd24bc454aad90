package org.unionledger.projections.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's {@code domainevententry}, byte for byte as stored: the hash chain covers
 * exactly these columns.
 */
public record StoredEvent(long globalIndex, String aggregateType, String aggregateIdentifier, long sequenceNumber,
                          String eventIdentifier, String payloadType, String payloadRevision, String timeStamp,
                          byte[] payload, byte[] metaData) {

    /** The columns, in the order {@link #from(ResultSet)} reads them. */
    static final String COLUMNS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
            + "payloadtype, payloadrevision, timestamp, payload, metadata";

    static StoredEvent from(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10));
    }
}
