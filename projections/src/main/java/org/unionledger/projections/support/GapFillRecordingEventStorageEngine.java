package org.unionledger.projections.support;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store, which also tells {@link EventPositions} the index of every event it
 * reads that fills a gap. Reads, writes and tokens are Axon's own.
 */
public class GapFillRecordingEventStorageEngine extends JdbcEventStorageEngine {

    private final EventPositions positions;

    public GapFillRecordingEventStorageEngine(JdbcEventStorageEngine.Builder builder, EventPositions positions) {
        super(builder);
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
}
