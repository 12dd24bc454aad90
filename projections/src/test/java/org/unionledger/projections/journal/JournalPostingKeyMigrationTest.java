package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionledger.projections.support.TestDatabase;

/**
 * V508 keys the postings by their entry's global index: a journal written before it keeps every
 * posting, now carrying its entry's index, and a journal with a posting whose entry is missing
 * stops the migration with a message instead of losing or inventing anything.
 */
class JournalPostingKeyMigrationTest {

    private final String schema = "posting_key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DSLContext db = TestDatabase.dsl();

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void postingsWrittenBeforeTheMigrationTakeTheirEntrysGlobalIndex() {
        migrate("507");
        entry("e1", 41);
        entry("e2", 42);
        posting("e1", 1, 500);
        posting("e1", 2, -500);
        posting("e2", 1, 300);
        posting("e2", 2, -300);

        migrate(null);

        assertThat(db.fetch("SELECT entry_id, line_no, global_index, amount_fen FROM \"" + schema
                        + "\".journal_posting ORDER BY entry_id, line_no")
                .map(r -> r.get(0) + "/" + r.get(1) + "@" + r.get(2) + ":" + r.get(3)),
                equalTo(List.of("e1/1@41:500", "e1/2@41:-500", "e2/1@42:300", "e2/2@42:-300")));
        assertThat(db.fetchValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = "
                        + "'journal_posting_pkey' AND connamespace = ?::regnamespace", "\"" + schema + "\""),
                equalTo("PRIMARY KEY (global_index, entry_id, line_no)"));
    }

    @Test
    void aPostingWithoutItsEntryStopsTheMigration() {
        migrate("507");
        entry("e1", 41);
        posting("e1", 1, 500);
        posting("e1", 2, -500);
        posting("gone", 1, 700);

        try {
            migrate(null);
            throw new AssertionError("the migration keyed a posting whose entry is missing");
        } catch (FlywayException expected) {
            assertThat(expected.getMessage(), containsString("1 postings without their entry"));
        }
        // PostgreSQL rolls the whole migration back: the postings as they were, without the new column.
        assertThat("postings kept", count("SELECT count(*) FROM \"" + schema + "\".journal_posting"), equalTo(3L));
        assertThat("the column rolled back", count("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'journal_posting' AND column_name = 'global_index'",
                schema), equalTo(0L));
    }

    private void migrate(String target) {
        var flyway = Flyway.configure().dataSource(TestDatabase.dataSource()).schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations("classpath:db/migration").outOfOrder(true);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private long count(String sql, Object... bindings) {
        return ((Number) db.fetchValue(sql, bindings)).longValue();
    }

    private void entry(String entryId, long globalIndex) {
        db.execute("INSERT INTO \"" + schema + "\".journal_entry (entry_id, global_index, fund_id, org_id, event_type,"
                + " effective_date, recorded_at, source_id, description)"
                + " VALUES (?, ?, 'f', 'o', 'ContributionRecorded', DATE '2026-03-01', now(), 's', 'd')",
                entryId, globalIndex);
    }

    private void posting(String entryId, int lineNo, long amountFen) {
        db.execute("INSERT INTO \"" + schema + "\".journal_posting (entry_id, line_no, fund_id, org_id, account_class,"
                + " account_path, amount_fen, effective_date, recorded_at) VALUES (?, ?, 'f', 'o', 'Assets', 'Cash',"
                + " ?, DATE '2026-03-01', now())", entryId, lineNo, amountFen);
    }
}
