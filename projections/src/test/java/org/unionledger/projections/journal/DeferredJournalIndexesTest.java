package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.unionledger.projections.jooq.Tables.JOURNAL_DEFERRED_INDEX;
import static org.unionledger.projections.jooq.Tables.JOURNAL_ENTRY;
import static org.unionledger.projections.jooq.Tables.JOURNAL_POSTING;
import static org.unionledger.projections.jooq.Tables.TOKENENTRY;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.PayerType;
import org.unionledger.projections.support.TestDatabase;

/**
 * A reset drops the journal's secondary indexes and keeps their definitions; the indexes come back
 * exactly as they were, and only once the journal's processor has stopped replaying. In a schema
 * of its own (jOOQ's tables mapped to it): the other projection tests share the journal's tables
 * and their indexes.
 */
class DeferredJournalIndexesTest {

    /** The postings have none since V507: the queries find them through their entries. */
    private static final Set<String> SECONDARY = Set.of("journal_entry_fund_date_idx", "journal_entry_org_date_idx",
            "journal_entry_global_idx");
    private static final Set<String> PRIMARY_KEYS = Set.of("journal_entry_pkey", "journal_posting_pkey");

    private final String schema = "journal_indexes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DataSource dataSource = TestDatabase.scratchSchema(schema);
    private final DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withRenderMapping(
            new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput(schema))));
    private final JournalProjection journal = new JournalProjection(db);
    private final DeferredJournalIndexes deferred = new DeferredJournalIndexes(db, () -> null);

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aResetDropsTheSecondaryIndexesAndTheEndOfTheReplayBuildsThemAsTheyWere() {
        Map<String, String> before = journalIndexes();
        assertThat(before.keySet(), equalTo(union(SECONDARY, PRIMARY_KEYS)));
        replayToken(ReplayToken.class.getName());

        journal.reset();

        assertThat("indexes during the replay", journalIndexes().keySet(), equalTo(PRIMARY_KEYS));
        assertThat(deferred.pending(), is(true));
        book("e1", 1);
        assertThat("built while replaying", deferred.buildUnlessReplaying(), equalTo(0));
        assertThat(journalIndexes().keySet(), equalTo(PRIMARY_KEYS));

        replayToken(GlobalSequenceTrackingToken.class.getName());
        assertThat(deferred.buildUnlessReplaying(), equalTo(SECONDARY.size()));

        assertThat(journalIndexes(), equalTo(before));
        assertThat(deferred.pending(), is(false));
        assertThat("nothing left to build", deferred.buildUnlessReplaying(), equalTo(0));
        assertThat("entries booked during the replay", db.fetchCount(JOURNAL_ENTRY), equalTo(1));
        assertThat(db.fetchCount(JOURNAL_POSTING), equalTo(2));
    }

    @Test
    void aSecondResetBeforeTheIndexesAreBuiltKeepsTheirDefinitions() {
        Map<String, String> before = journalIndexes();
        replayToken(ReplayToken.class.getName());
        journal.reset();
        journal.reset();

        assertThat(db.fetchCount(JOURNAL_DEFERRED_INDEX), equalTo(SECONDARY.size()));
        replayToken(GlobalSequenceTrackingToken.class.getName());
        deferred.buildUnlessReplaying();
        assertThat(journalIndexes(), equalTo(before));
    }

    @Test
    void withoutAReplayTokenTheIndexesAreBuiltAtOnce() {
        Map<String, String> before = journalIndexes();
        journal.reset();

        assertThat(deferred.buildUnlessReplaying(), equalTo(SECONDARY.size()));
        assertThat(journalIndexes(), equalTo(before));
    }

    @Test
    void onlyAPlainIndexDefinitionIsBuilt() {
        assertThat(DeferredJournalIndexes.ifNotExists("CREATE INDEX a ON t USING btree (c)"),
                equalTo("CREATE INDEX IF NOT EXISTS a ON t USING btree (c)"));
        try {
            DeferredJournalIndexes.ifNotExists("CREATE UNIQUE INDEX a ON t USING btree (c)");
            throw new AssertionError("a unique index definition was accepted");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage().startsWith("not a plain index definition"), is(true));
        }
    }

    private void book(String eventId, long globalIndex) {
        journal.record(new ContributionRecorded("fund-1", "org-1", "c-" + eventId, 1_000, PayerType.MEMBER, "bank",
                LocalDate.of(2026, 3, 1), "dues", "ref-" + eventId), eventId, globalIndex, Instant.now());
    }

    /** The journal's processor's one segment, holding a token of this type (as Axon's token store keeps it). */
    private void replayToken(String tokenType) {
        db.insertInto(TOKENENTRY, TOKENENTRY.PROCESSORNAME, TOKENENTRY.SEGMENT, TOKENENTRY.TOKENTYPE)
                .values(JournalProjection.PROCESSING_GROUP, 0, tokenType)
                .onConflict(TOKENENTRY.PROCESSORNAME, TOKENENTRY.SEGMENT).doUpdate()
                .set(TOKENENTRY.TOKENTYPE, tokenType).execute();
    }

    private Map<String, String> journalIndexes() {
        Map<String, String> indexes = new TreeMap<>();
        db.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ?"
                + " AND tablename IN ('journal_entry', 'journal_posting')", schema)
                .forEach(row -> indexes.put(row.get(0, String.class), row.get(1, String.class)));
        return indexes;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
