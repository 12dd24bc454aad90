package org.unionledger.api.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.unionledger.projections.allocation.AllocationProjection;
import org.unionledger.projections.fund.FundBalanceProjection;

/**
 * C6: the projections' own code replayed over the whole event log into a scratch schema, then
 * compared row by row with the live tables. Add a projection here with the tables it writes.
 */
final class ProjectionReplay {

    static final String SCRATCH = "faults_scratch";

    /**
     * A projection to rebuild: how to make it over a DSLContext, the tables it owns, and the column
     * naming the fund of a row (rows are compared for the run's funds, so one run's finding is not
     * reported again by every later run).
     */
    record Replica(String name, Function<DSLContext, Object> factory, List<String> tables, String fundColumn) {
    }

    static final List<Replica> REPLICAS = List.of(
            new Replica("fund_balance", FundBalanceProjection::new, List.of("fund_balance", "fund_contribution"),
                    "fund_id"),
            new Replica("allocation", AllocationProjection::new, List.of("allocation"), "source_fund_id"));

    /** Axon's event mapper, as ledger-api configures it (records, field access). */
    private static final ObjectMapper EVENTS = new ObjectMapper().findAndRegisterModules()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProjectionReplay() {
    }

    /** Rebuilds every replica in the scratch schema; returns the differences (empty when equal). */
    static List<String> rebuildAndCompare(Connection db, Connection reader, List<String> funds) throws Exception {
        List<String> differences = new ArrayList<>();
        db.setAutoCommit(false);
        reader.setAutoCommit(false);
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            ddl.execute("CREATE SCHEMA " + SCRATCH);
            for (Replica replica : REPLICAS) {
                for (String table : replica.tables()) {
                    ddl.execute("CREATE TABLE " + SCRATCH + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
                }
            }
        }
        DSLContext scratch = DSL.using(db, SQLDialect.POSTGRES, new Settings().withRenderMapping(
                new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput(SCRATCH))));
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        for (Replica replica : REPLICAS) {
            handlers.add(new AnnotationEventHandlerAdapter(replica.factory().apply(scratch)));
        }
        try (PreparedStatement query = reader.prepareStatement(
                "SELECT globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, payloadtype, payload, "
                        + "timestamp FROM domainevententry ORDER BY globalindex")) {
            query.setFetchSize(500);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Class<?> type;
                    try {
                        type = Class.forName(rows.getString(6), false, Thread.currentThread().getContextClassLoader());
                    } catch (ClassNotFoundException unknown) {
                        differences.add("event type " + rows.getString(6) + " is not on the classpath");
                        continue;
                    }
                    Object payload = EVENTS.readValue(rows.getBytes(7), type);
                    var message = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(rows.getLong(1)),
                            new GenericDomainEventMessage<>(rows.getString(4), rows.getString(2), rows.getLong(3),
                                    payload, Map.of(), rows.getString(5), Instant.parse(rows.getString(8))));
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(message)) {
                            handler.handle(message);
                        }
                    }
                }
            }
        }
        db.commit();
        for (Replica replica : REPLICAS) {
            for (String table : replica.tables()) {
                differences.addAll(compare(db, table, replica.fundColumn(), funds));
            }
        }
        reader.commit();
        db.setAutoCommit(true);
        reader.setAutoCommit(true);
        return differences;
    }

    private static List<String> compare(Connection db, String table, String fundColumn, List<String> funds)
            throws Exception {
        List<String> differences = new ArrayList<>();
        String scope = " WHERE " + fundColumn + " = ANY (?)";
        String live = "SELECT * FROM public." + table + scope;
        String fresh = "SELECT * FROM " + SCRATCH + "." + table + scope;
        try (PreparedStatement statement = db.prepareStatement(
                "(SELECT 'live' AS side, * FROM (" + live + " EXCEPT " + fresh + ") a) UNION ALL "
                        + "(SELECT 'fresh' AS side, * FROM (" + fresh + " EXCEPT " + live + ") b) LIMIT 20")) {
            java.sql.Array array = db.createArrayOf("varchar", funds.toArray());
            for (int i = 1; i <= 4; i++) {
                statement.setArray(i, array);
            }
            ResultSet rows = statement.executeQuery();
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                StringBuilder row = new StringBuilder(table).append(" only in ").append(rows.getString(1)).append(':');
                for (int c = 2; c <= columns.getColumnCount(); c++) {
                    row.append(' ').append(columns.getColumnName(c)).append('=').append(rows.getString(c));
                }
                differences.add(row.toString());
            }
        }
        return differences;
    }
}
