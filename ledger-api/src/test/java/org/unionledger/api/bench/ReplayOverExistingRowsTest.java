package org.unionledger.api.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.support.ApiTest;

/**
 * The upgrade path of a renamed processing group (README, "Scaling out"): a projection processor
 * that finds no token starts at the first event and takes the whole store again, over the rows its
 * projections already wrote, without a reset. Every read model must come out exactly as it was.
 * Run over the tiny city-year (every feature's history) and whatever the other tests of this JVM
 * left in the shared database. The rows of the first events are deleted before the restart, so
 * the test fails unless the processors really start from the first event.
 */
@ApiTest
class ReplayOverExistingRowsTest {

    /** Tables no projection writes: the event, token and saga stores, and the command side's own. */
    private static final Set<String> NOT_READ_MODELS = Set.of("domainevententry", "snapshotevententry",
            "tokenentry", "sagaentry", "associationvalueentry", "deadletterentry", "flyway_schema_history",
            "command_idempotency", "event_hash_chain", "personal_data_access_log", "claim_document_blob");
    /** Columns written by others than the projections: the notice dispatcher marks notices sent. */
    private static final Set<String> NOT_PROJECTED = Set.of("claim_notification_outbox.sent_at");

    @Autowired
    ApplicationContext app;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void projectionsStartedAgainFromTheFirstEventLeaveEveryRowAsItWas() throws Exception {
        TinyCityYear.loadOnce(app, TinyCityYear.year(), TinyCityYear.parts(app));
        Processors processors = new Processors(app.getBean(EventProcessingConfiguration.class), jdbc);
        settle(processors);
        Map<String, List<String>> before = readModels();
        assertThat("rows in the read models", before.values().stream().mapToInt(List::size).sum(), greaterThan(1000));

        List<StreamingEventProcessor> projections = processors.projections();
        assertThat(projections.size(), equalTo(2));
        projections.forEach(StreamingEventProcessor::shutDown);
        for (StreamingEventProcessor projection : projections) {
            jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", projection.getName());
        }
        // Rows of the first events, which only a replay from the first event writes back: one per
        // processor. Only rows of events in the store count: the projection module's tests, when they
        // share this database (CI's external-database run), write rows for events that were never stored.
        String firstEntry = jdbc.queryForObject("SELECT j.entry_id FROM journal_entry j JOIN domainevententry e"
                + " ON e.globalindex = j.global_index AND e.aggregateidentifier = j.fund_id"
                + " ORDER BY j.global_index, j.entry_id LIMIT 1", String.class);
        jdbc.update("DELETE FROM journal_posting WHERE entry_id = ?", firstEntry);
        jdbc.update("DELETE FROM journal_entry WHERE entry_id = ?", firstEntry);
        assertThat(jdbc.update("DELETE FROM fund_contribution WHERE (fund_id, global_index) = (SELECT c.fund_id,"
                + " c.global_index FROM fund_contribution c JOIN domainevententry e ON e.globalindex = c.global_index"
                + " AND e.aggregateidentifier = c.fund_id ORDER BY c.global_index LIMIT 1)"), greaterThan(0));
        projections.forEach(StreamingEventProcessor::start);
        settle(processors);

        Map<String, List<String>> after = readModels();
        assertThat(after.keySet(), equalTo(before.keySet()));
        for (String table : before.keySet()) {
            List<String> missing = new ArrayList<>(before.get(table));
            missing.removeAll(after.get(table));
            List<String> added = new ArrayList<>(after.get(table));
            added.removeAll(before.get(table));
            assertThat(table + ": rows gone " + head(missing) + ", rows new or changed " + head(added),
                    missing.size() + added.size(), equalTo(0));
        }
    }

    /**
     * Caught up, and no process manager still adding events (a chain an earlier test started): the
     * store's head stays where it was while every processor gets there.
     */
    private static void settle(Processors processors) throws InterruptedException {
        long head;
        do {
            head = processors.head();
            processors.awaitCaughtUp(Duration.ofMinutes(5));
        } while (processors.head() != head);
    }

    /** Every row of every read-model table, as text, sorted. */
    private Map<String, List<String>> readModels() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                String.class)) {
            if (NOT_READ_MODELS.contains(table)) {
                continue;
            }
            List<String> rows = new ArrayList<>(jdbc.query("SELECT * FROM " + table, (rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    if (NOT_PROJECTED.contains(table + "." + rs.getMetaData().getColumnName(column))) {
                        continue;
                    }
                    row.append(rs.getMetaData().getColumnName(column)).append('=').append(rs.getString(column))
                            .append(' ');
                }
                return row.toString();
            }));
            rows.sort(null);
            tables.put(table, rows);
        }
        return tables;
    }

    private static List<String> head(List<String> rows) {
        return rows.subList(0, Math.min(3, rows.size()));
    }
}
