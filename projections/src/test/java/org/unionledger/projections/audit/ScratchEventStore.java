package org.unionledger.projections.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.unionledger.projections.support.TestDatabase;

/**
 * An event store in a schema of its own, so a test may tamper with it: events are written as
 * Axon writes them (same table, same columns), without Axon.
 */
final class ScratchEventStore implements AutoCloseable {

    final String schema = "audit_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final DataSource dataSource = TestDatabase.scratchSchema(schema);
    final DSLContext sql = DSL.using(dataSource, SQLDialect.POSTGRES);

    /** Appends an event at the next global index; returns its event id. */
    String append(String aggregateId, long sequence, String payloadJson, Instant at) {
        String eventId = UUID.randomUUID().toString();
        sql.execute("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                + "metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, 'Fund', ?, ?, ?, '1', "
                + "'org.unionledger.core.fund.FundEvents$ContributionRecorded', ?)", aggregateId, sequence, eventId,
                "{\"principal\":\"finance\"}".getBytes(StandardCharsets.UTF_8),
                payloadJson.getBytes(StandardCharsets.UTF_8), at.toString());
        return eventId;
    }

    /** Appends an event at a chosen global index (to make gaps and late commits). */
    String appendAt(long globalIndex, String aggregateId, long sequence, Instant at) {
        String eventId = UUID.randomUUID().toString();
        sql.execute("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, "
                + "'Fund', ?, NULL, ?, '1', 'Example', ?)", globalIndex, aggregateId, sequence, eventId,
                "{}".getBytes(StandardCharsets.UTF_8), at.toString());
        return eventId;
    }

    long globalIndexOf(String eventId) {
        return value(Long.class, "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?", eventId);
    }

    <T> T value(Class<T> type, String query, Object... bindings) {
        return sql.resultQuery(query, bindings).fetchOne(0, type);
    }

    <T> java.util.List<T> values(Class<T> type, String query, Object... bindings) {
        return sql.resultQuery(query, bindings).fetch(0, type);
    }

    @Override
    public void close() {
        TestDatabase.dropSchema(schema);
    }
}
