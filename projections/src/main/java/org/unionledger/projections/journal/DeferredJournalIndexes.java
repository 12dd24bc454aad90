package org.unionledger.projections.journal;

import static org.unionledger.projections.jooq.Tables.JOURNAL_DEFERRED_INDEX;
import static org.unionledger.projections.jooq.Tables.JOURNAL_ENTRY;
import static org.unionledger.projections.jooq.Tables.JOURNAL_POSTING;
import static org.unionledger.projections.jooq.Tables.TOKENENTRY;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.unionledger.projections.support.BackgroundPoller;

/**
 * The journal's secondary indexes are dropped when the journal is reset for a replay and built
 * again once its processor has replayed the store: a rebuild then inserts its rows without keeping
 * three indexes up to date entry by entry, and PostgreSQL builds each index once, sorted
 * (docs/PERFORMANCE.md, setting 66). The definitions wait in {@code journal_deferred_index}, so a
 * process stopped mid-replay builds them when the replay it resumes is over. Until then the
 * journal's queries are answered, more slowly. Unique indexes (the primary keys) are never dropped.
 */
@Component
public class DeferredJournalIndexes extends BackgroundPoller {

    private static final Logger log = LoggerFactory.getLogger(DeferredJournalIndexes.class);
    /** How often a process looks for indexes to build: a replay's end waits at most this long for them. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long stopping waits for an index build in progress. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final String CREATE_INDEX = "CREATE INDEX ";

    private final DSLContext db;
    /** The journal's processor in this process, or null where there is none (tests of the SQL alone). */
    private final Supplier<StreamingEventProcessor> journal;

    @Autowired
    public DeferredJournalIndexes(DSLContext db, ObjectProvider<EventProcessingConfiguration> processing) {
        this(db, () -> {
            EventProcessingConfiguration configuration = processing.getIfAvailable();
            return configuration == null ? null : configuration
                    .eventProcessor(JournalProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElse(null);
        });
    }

    DeferredJournalIndexes(DSLContext db, Supplier<StreamingEventProcessor> journal) {
        super("journal-index-builder", Thread.NORM_PRIORITY, POLL, STOP_WAIT);
        this.db = db;
        this.journal = journal;
    }

    /**
     * Records and drops every secondary index of the journal's entries and postings; called by the
     * reset handler, in the reset's transaction, so the drop and the replay token commit together.
     * Answers how many it dropped.
     */
    static int defer(DSLContext db) {
        // The tables' names as jOOQ renders them (so under a schema mapping too), and each index's
        // name as regclass prints it: qualified when its schema is not on the search path.
        db.execute("INSERT INTO " + db.render(JOURNAL_DEFERRED_INDEX) + " (index_name, definition)"
                + " SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                + " WHERE i.indrelid IN (?::regclass, ?::regclass) AND NOT i.indisunique"
                + " ON CONFLICT (index_name) DO NOTHING", db.render(JOURNAL_ENTRY), db.render(JOURNAL_POSTING));
        List<String> names = db.select(JOURNAL_DEFERRED_INDEX.INDEX_NAME).from(JOURNAL_DEFERRED_INDEX)
                .fetch(JOURNAL_DEFERRED_INDEX.INDEX_NAME);
        names.forEach(name -> db.execute("DROP INDEX IF EXISTS " + name));
        return names.size();
    }

    /** True while an index of the journal waits to be built. */
    public boolean pending() {
        return db.fetchExists(JOURNAL_DEFERRED_INDEX);
    }

    /**
     * Builds every deferred index, unless the journal's processor is still replaying ({@link
     * #replaying}; the token store answers for every process of a scaled-out ledger).
     * Each index in a transaction of its own, which takes its row first: two processes never
     * build the same one. Answers how many this call built.
     */
    public int buildUnlessReplaying() {
        if (!pending() || replaying()) {
            return 0;
        }
        int built = 0;
        for (String name : db.select(JOURNAL_DEFERRED_INDEX.INDEX_NAME).from(JOURNAL_DEFERRED_INDEX)
                .orderBy(JOURNAL_DEFERRED_INDEX.INDEX_NAME).fetch(JOURNAL_DEFERRED_INDEX.INDEX_NAME)) {
            built += db.transactionResult(transaction -> {
                DSLContext tx = transaction.dsl();
                String definition = tx.select(JOURNAL_DEFERRED_INDEX.DEFINITION).from(JOURNAL_DEFERRED_INDEX)
                        .where(JOURNAL_DEFERRED_INDEX.INDEX_NAME.eq(name)).forUpdate().skipLocked()
                        .fetchOne(JOURNAL_DEFERRED_INDEX.DEFINITION);
                if (definition == null) {
                    return 0;
                }
                long start = System.nanoTime();
                tx.execute(ifNotExists(definition));
                tx.deleteFrom(JOURNAL_DEFERRED_INDEX).where(JOURNAL_DEFERRED_INDEX.INDEX_NAME.eq(name)).execute();
                log.info("Journal index {} built after the replay in {} ms", name,
                        (System.nanoTime() - start) / 1_000_000);
                return 1;
            });
        }
        return built;
    }

    /**
     * Whether the journal's processor is still replaying. Axon keeps a segment's replay token until
     * the segment handles the first event after the reset's head, so a replay of a store that
     * nobody writes to stays a replay in the token store; a processor in this process that holds
     * every segment and has read to the head of the store has replayed it all the same.
     */
    private boolean replaying() {
        if (!db.fetchExists(TOKENENTRY, TOKENENTRY.PROCESSORNAME.eq(JournalProjection.PROCESSING_GROUP)
                .and(TOKENENTRY.TOKENTYPE.eq(ReplayToken.class.getName())))) {
            return false;
        }
        StreamingEventProcessor processor = journal.get();
        if (processor == null || !processor.isRunning()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        int segments = db.fetchCount(TOKENENTRY, TOKENENTRY.PROCESSORNAME.eq(JournalProjection.PROCESSING_GROUP));
        return status.size() < segments
                || !status.values().stream().allMatch(segment -> segment.isCaughtUp() && !segment.isErrorState());
    }

    /** pg_get_indexdef's definition, built only if no index of that name exists by then. */
    static String ifNotExists(String definition) {
        if (!definition.startsWith(CREATE_INDEX)) {
            throw new IllegalStateException("not a plain index definition: " + definition);
        }
        return CREATE_INDEX + "IF NOT EXISTS " + definition.substring(CREATE_INDEX.length());
    }

    @Override
    protected void poll() {
        try {
            buildUnlessReplaying();
        } catch (Exception failure) {
            log.warn("Building the journal's deferred indexes failed; retrying at the next poll: {}",
                    failure.toString());
        }
    }
}
