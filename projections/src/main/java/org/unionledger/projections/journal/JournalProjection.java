package org.unionledger.projections.journal;

import static org.unionledger.projections.jooq.Tables.JOURNAL_ENTRY;
import static org.unionledger.projections.jooq.Tables.JOURNAL_FUND;
import static org.unionledger.projections.jooq.Tables.JOURNAL_POSTING;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.RowN;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.projections.jooq.tables.records.JournalEntryRecord;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtQuery;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtView;
import org.unionledger.projections.journal.JournalViews.JournalEntryView;
import org.unionledger.projections.journal.JournalViews.JournalFundView;
import org.unionledger.projections.journal.JournalViews.JournalFunds;
import org.unionledger.projections.journal.JournalViews.JournalFundsQuery;
import org.unionledger.projections.journal.JournalViews.JournalPage;
import org.unionledger.projections.journal.JournalViews.JournalQuery;
import org.unionledger.projections.journal.JournalViews.PostingView;
import org.unionledger.projections.journal.JournalViews.TrialBalanceLine;
import org.unionledger.projections.journal.JournalViews.TrialBalanceQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceView;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * The double-entry journal: every money event of every fund becomes balanced entries, one per fund
 * whose books it touches ({@link JournalMapping}), each stored once under an id derived from the
 * event identifier, so a replay adds nothing.
 */
@Component
@ProcessingGroup(JournalProjection.PROCESSING_GROUP)
public class JournalProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.JOURNAL;

    /**
     * Every entry JournalMapping makes today has two postings; the limit bounds the statements kept,
     * one per posting count.
     */
    static final int POSTINGS_PER_ENTRY_MAX = 16;
    /**
     * The entries joined to their postings by the postings' key (global index, then entry): the
     * reports select entries through the entries' indexes and reach postings this way (settings 77, 79).
     */
    private static final Table<?> ENTRIES_WITH_POSTINGS = JOURNAL_ENTRY.join(JOURNAL_POSTING)
            .on(JOURNAL_POSTING.GLOBAL_INDEX.eq(JOURNAL_ENTRY.GLOBAL_INDEX)
                    .and(JOURNAL_POSTING.ENTRY_ID.eq(JOURNAL_ENTRY.ENTRY_ID)));
    private static final int ENTRY_VALUES = 11;
    private static final int POSTING_VALUES = 8;
    private static final AtomicReferenceArray<PreparedWrite> ENTRY_WITH_POSTINGS =
            new AtomicReferenceArray<>(POSTINGS_PER_ENTRY_MAX + 1);

    private static final PreparedWrite FUND_INSERT = PreparedWrite.of("journal_fund insert",
            insertInto(JOURNAL_FUND, JOURNAL_FUND.FUND_ID, JOURNAL_FUND.ORG_ID, JOURNAL_FUND.NAME,
                    JOURNAL_FUND.FUND_TYPE, JOURNAL_FUND.OPENED_ON).onConflictDoNothing());

    private final DSLContext db;

    public JournalProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(FundOpened event, @Timestamp Instant at) {
        BatchedWrites.execute(db, FUND_INSERT, event.fundId(), event.orgId(), event.name(), event.fundType().name(),
                at.atZone(JournalMapping.BOOKS_ZONE).toLocalDate());
    }

    /*
     * One handler per money event JournalMapping books (JournalMapping.BOOKED, checked by
     * JournalProjectionTest), not one for every event: the processor then reads the type of each
     * other event from the store's row and skips it without deserializing it (docs/PERFORMANCE.md,
     * setting 21).
     */

    @EventHandler
    void on(ContributionRecorded event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(FundsReserved event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(ReservationDisbursed event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(ReservationReleased event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(PaymentReturned event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(AllocationSent event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    @EventHandler
    void on(AllocationReceived event, EventMessage<?> message, TrackingToken token) {
        book(event, message, token);
    }

    private void book(Object event, EventMessage<?> message, TrackingToken token) {
        record(event, message.getIdentifier(), GlobalIndex.of(token), message.getTimestamp());
    }

    /**
     * Books one event's entries once: each entry and its postings are keyed by the entry's id (and
     * line number), so a replayed event inserts nothing. Each entry and its postings are one
     * statement ({@link #entryWithPostings}), sent with the processor batch's others
     * ({@link BatchedWrites}). Answers whether the event is a money event.
     */
    public boolean record(Object payload, String eventId, long globalIndex, Instant recordedAt) {
        List<JournalEntryDraft> entries = JournalMapping.entriesFor(payload, recordedAt);
        for (int position = 0; position < entries.size(); position++) {
            JournalEntryDraft entry = entries.get(position);
            record(entry, JournalMapping.entryId(eventId, position, entry), globalIndex, recordedAt);
        }
        return !entries.isEmpty();
    }

    private void record(JournalEntryDraft entry, String entryId, long globalIndex, Instant recordedAt) {
        OffsetDateTime recorded = recordedAt.atOffset(ZoneOffset.UTC);
        List<Posting> postings = entry.postings();
        List<Object> values = new ArrayList<>(ENTRY_VALUES + POSTING_VALUES * postings.size());
        Collections.addAll(values, entryId, globalIndex, entry.fundId(), entry.orgId(), entry.eventType(),
                entry.effectiveDate(), recorded, entry.sourceId(), truncate(entry.description(), 500),
                entry.bankReference(), entry.bankAmountFen());
        int lineNo = 0;
        for (Posting posting : postings) {
            Collections.addAll(values, ++lineNo, entry.fundId(), entry.orgId(), posting.accountClass(),
                    posting.accountPath(), posting.amountFen(), entry.effectiveDate(), recorded);
        }
        BatchedWrites.execute(db, entryWithPostings(postings.size()), values.toArray());
    }

    /**
     * The statement that inserts an entry with {@code postings} postings: {@code WITH entry AS
     * (INSERT INTO journal_entry ... ON CONFLICT DO NOTHING RETURNING entry_id, global_index) INSERT
     * INTO journal_posting SELECT entry.entry_id, entry.global_index, line.* FROM entry CROSS JOIN
     * (VALUES (...), (...)) AS line}. One statement per entry, not one per row, so that consecutive
     * entries (nearly all have two postings) go out as one JDBC batch. The postings go in only with a
     * new entry, so they need no conflict check of their own: a replayed event inserts neither
     * (docs/PERFORMANCE.md, setting 33), and a posting never lacks its entry (V504;
     * JournalPropertiesTest books every kind of entry this way). The postings carry their entry's
     * global index, the first column of their key (setting 79).
     */
    private static PreparedWrite entryWithPostings(int postings) {
        if (postings > POSTINGS_PER_ENTRY_MAX) {
            throw new IllegalStateException("a journal entry has at most " + POSTINGS_PER_ENTRY_MAX
                    + " postings, got " + postings);
        }
        PreparedWrite statement = ENTRY_WITH_POSTINGS.get(postings);
        if (statement == null) {
            statement = PreparedWrite.of("journal_entry with " + postings + " postings",
                    entryWithPostingsQuery(postings));
            ENTRY_WITH_POSTINGS.compareAndSet(postings, null, statement);
            statement = ENTRY_WITH_POSTINGS.get(postings);
        }
        return statement;
    }

    private static Query entryWithPostingsQuery(int postings) {
        var entry = DSL.name("entry").as(insertInto(JOURNAL_ENTRY, JOURNAL_ENTRY.ENTRY_ID, JOURNAL_ENTRY.GLOBAL_INDEX,
                        JOURNAL_ENTRY.FUND_ID, JOURNAL_ENTRY.ORG_ID, JOURNAL_ENTRY.EVENT_TYPE,
                        JOURNAL_ENTRY.EFFECTIVE_DATE, JOURNAL_ENTRY.RECORDED_AT, JOURNAL_ENTRY.SOURCE_ID,
                        JOURNAL_ENTRY.DESCRIPTION, JOURNAL_ENTRY.BANK_REFERENCE, JOURNAL_ENTRY.BANK_AMOUNT_FEN)
                .onConflictDoNothing()
                .returning(JOURNAL_ENTRY.ENTRY_ID, JOURNAL_ENTRY.GLOBAL_INDEX));
        Field<?>[] lineColumns = {JOURNAL_POSTING.LINE_NO, JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ORG_ID,
                JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.ACCOUNT_PATH, JOURNAL_POSTING.AMOUNT_FEN,
                JOURNAL_POSTING.EFFECTIVE_DATE, JOURNAL_POSTING.RECORDED_AT};
        RowN[] lines = new RowN[postings];
        for (int line = 1; line <= postings; line++) {
            String prefix = "line" + line + "_";
            Field<?>[] values = new Field<?>[lineColumns.length];
            for (int column = 0; column < lineColumns.length; column++) {
                values[column] = value(prefix + lineColumns[column].getName(), lineColumns[column]);
            }
            lines[line - 1] = DSL.row(values);
        }
        String[] lineNames = Arrays.stream(lineColumns).map(Field::getName).toArray(String[]::new);
        Table<?> line = DSL.values(lines).as("line", lineNames);
        List<Field<?>> selected = new ArrayList<>();
        selected.add(DSL.field(DSL.name("entry", JOURNAL_ENTRY.ENTRY_ID.getName()), String.class));
        selected.add(DSL.field(DSL.name("entry", JOURNAL_ENTRY.GLOBAL_INDEX.getName()), Long.class));
        for (String name : lineNames) {
            selected.add(line.field(name));
        }
        List<Field<?>> postingColumns = new ArrayList<>();
        postingColumns.add(JOURNAL_POSTING.ENTRY_ID);
        postingColumns.add(JOURNAL_POSTING.GLOBAL_INDEX);
        postingColumns.addAll(Arrays.asList(lineColumns));
        return DSL.with(entry).insertInto(JOURNAL_POSTING, postingColumns)
                .select(DSL.select(selected).from(DSL.table(DSL.name("entry"))).crossJoin(line));
    }

    /**
     * Empties the journal for a replay. Entries and postings in one TRUNCATE: a DELETE left every
     * old row behind as a dead tuple, and each replayed entry's key check then visited them
     * (docs/PERFORMANCE.md, setting 18). The secondary indexes go until the replay is over
     * ({@link DeferredJournalIndexes}, setting 66).
     */
    @ResetHandler
    void reset() {
        db.truncate(JOURNAL_POSTING, JOURNAL_ENTRY).execute();
        db.truncate(JOURNAL_FUND).execute();
        DeferredJournalIndexes.defer(db);
    }

    @QueryHandler
    public JournalPage handle(JournalQuery query) {
        Condition where = DSL.noCondition();
        if (query.orgId() != null) {
            where = where.and(JOURNAL_ENTRY.ORG_ID.eq(query.orgId()));
        }
        if (query.fundId() != null) {
            where = where.and(JOURNAL_ENTRY.FUND_ID.eq(query.fundId()));
        }
        if (query.from() != null) {
            where = where.and(JOURNAL_ENTRY.EFFECTIVE_DATE.ge(query.from()));
        }
        if (query.to() != null) {
            where = where.and(JOURNAL_ENTRY.EFFECTIVE_DATE.le(query.to()));
        }
        int limit = Math.max(1, Math.min(query.limit(), JournalViews.PAGE_SIZE_MAX));
        org.jooq.Result<JournalEntryRecord> entries = db.selectFrom(JOURNAL_ENTRY)
                .where(where.and(JOURNAL_ENTRY.GLOBAL_INDEX.gt(query.afterGlobalIndex())))
                .orderBy(JOURNAL_ENTRY.GLOBAL_INDEX, JOURNAL_ENTRY.ENTRY_ID)
                .limit(limit)
                .fetch();
        if (entries.size() == limit) {
            // Pages continue after a global index, so a page never splits the entries of one event
            // (an allocation sent has one in each fund): the rest of the last event's come along.
            JournalEntryRecord last = entries.get(entries.size() - 1);
            entries.addAll(db.selectFrom(JOURNAL_ENTRY)
                    .where(where.and(JOURNAL_ENTRY.GLOBAL_INDEX.eq(last.getGlobalIndex()))
                            .and(JOURNAL_ENTRY.ENTRY_ID.gt(last.getEntryId())))
                    .orderBy(JOURNAL_ENTRY.ENTRY_ID)
                    .fetch());
        }
        Map<String, List<PostingView>> postings = new LinkedHashMap<>();
        if (!entries.isEmpty()) {
            // By the key (global index first, setting 79): the page's indexes, then its entries.
            db.selectFrom(JOURNAL_POSTING)
                    .where(JOURNAL_POSTING.GLOBAL_INDEX.in(new TreeSet<>(
                                    entries.map(JournalEntryRecord::getGlobalIndex)))
                            .and(JOURNAL_POSTING.ENTRY_ID.in(entries.map(JournalEntryRecord::getEntryId))))
                    .orderBy(JOURNAL_POSTING.ENTRY_ID, JOURNAL_POSTING.LINE_NO)
                    .forEach(p -> postings.computeIfAbsent(p.getEntryId(), k -> new ArrayList<>())
                            .add(new PostingView(JournalAccounts.name(p.getAccountClass(), p.getFundId(),
                                    p.getAccountPath()), p.getAccountClass(), p.getAccountPath(), p.getAmountFen())));
        }
        return new JournalPage(entries.map(e -> new JournalEntryView(e.getEntryId(), e.getGlobalIndex(),
                e.getFundId(), e.getOrgId(), e.getEventType(), e.getEffectiveDate(), e.getRecordedAt().toInstant(),
                e.getSourceId(), e.getDescription(), e.getBankReference(), e.getBankAmountFen(),
                postings.getOrDefault(e.getEntryId(), List.of()))));
    }

    @QueryHandler
    public TrialBalanceView handle(TrialBalanceQuery query) {
        // The scope is the entries' (a posting is in its entry's fund, organisation and day): their
        // indexes find the postings, which have none of their own on these columns (setting 77).
        Condition scope = DSL.noCondition();
        if (query.orgId() != null) {
            scope = scope.and(JOURNAL_ENTRY.ORG_ID.eq(query.orgId()));
        }
        if (query.fundId() != null) {
            scope = scope.and(JOURNAL_ENTRY.FUND_ID.eq(query.fundId()));
        }
        if (query.to() != null) {
            scope = scope.and(JOURNAL_ENTRY.EFFECTIVE_DATE.le(query.to()));
        }
        Condition before = query.from() == null ? DSL.falseCondition()
                : JOURNAL_ENTRY.EFFECTIVE_DATE.lt(query.from());
        var amount = JOURNAL_POSTING.AMOUNT_FEN;
        var opening = DSL.sum(DSL.when(before, amount).else_(0L)).cast(Long.class);
        var debit = DSL.sum(DSL.when(before.not().and(amount.gt(0L)), amount).else_(0L)).cast(Long.class);
        var credit = DSL.sum(DSL.when(before.not().and(amount.lt(0L)), amount).else_(0L)).cast(Long.class);
        List<TrialBalanceLine> lines = db.select(JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_CLASS,
                        JOURNAL_POSTING.ACCOUNT_PATH, opening, debit, credit)
                .from(ENTRIES_WITH_POSTINGS)
                .where(scope)
                .groupBy(JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.ACCOUNT_PATH)
                .orderBy(JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.ACCOUNT_PATH)
                .fetch(r -> new TrialBalanceLine(
                        JournalAccounts.name(r.value2(), r.value1(), r.value3()), r.value1(), r.value2(), r.value3(),
                        r.value4(), r.value5(), r.value6(), r.value4() + r.value5() + r.value6()));
        long openingTotal = 0;
        long debitTotal = 0;
        long creditTotal = 0;
        long closingTotal = 0;
        for (TrialBalanceLine line : lines) {
            openingTotal = Math.addExact(openingTotal, line.openingFen());
            debitTotal = Math.addExact(debitTotal, line.debitFen());
            creditTotal = Math.addExact(creditTotal, line.creditFen());
            closingTotal = Math.addExact(closingTotal, line.closingFen());
        }
        return new TrialBalanceView(query.orgId(), query.fundId(), query.from(), query.to(), lines, openingTotal,
                debitTotal, creditTotal, closingTotal);
    }

    @QueryHandler
    public FundBalanceAtView handle(FundBalanceAtQuery query) {
        // Through the fund's entries, as the trial balance (setting 77).
        Condition where = JOURNAL_ENTRY.FUND_ID.eq(query.fundId());
        if (query.asOf() != null) {
            where = where.and(JOURNAL_ENTRY.EFFECTIVE_DATE.le(query.asOf()));
        }
        if (query.recordedAt() != null) {
            where = where.and(JOURNAL_ENTRY.RECORDED_AT.le(query.recordedAt().atOffset(ZoneOffset.UTC)));
        }
        var amount = JOURNAL_POSTING.AMOUNT_FEN;
        var cls = JOURNAL_POSTING.ACCOUNT_CLASS;
        var path = JOURNAL_POSTING.ACCOUNT_PATH;
        var row = db.select(
                        DSL.sum(DSL.when(cls.eq(JournalAccounts.ASSETS).and(path.eq(JournalAccounts.CASH_AVAILABLE)),
                                amount).else_(0L)).cast(Long.class),
                        DSL.sum(DSL.when(cls.eq(JournalAccounts.ASSETS).and(path.eq(JournalAccounts.CASH_RESERVED)),
                                amount).else_(0L)).cast(Long.class),
                        DSL.sum(DSL.when(cls.eq(JournalAccounts.ASSETS)
                                .and(path.eq(JournalAccounts.ALLOCATIONS_IN_TRANSIT)), amount).else_(0L))
                                .cast(Long.class),
                        DSL.sum(DSL.when(cls.eq(JournalAccounts.INCOME), amount).else_(0L)).cast(Long.class),
                        DSL.sum(DSL.when(cls.eq(JournalAccounts.EXPENSES), amount).else_(0L)).cast(Long.class))
                .from(ENTRIES_WITH_POSTINGS)
                .where(where)
                .fetchOne();
        return new FundBalanceAtView(query.fundId(), query.asOf(), query.recordedAt(), orZero(row.value1()),
                orZero(row.value2()), -orZero(row.value4()), orZero(row.value5()), orZero(row.value3()));
    }

    @QueryHandler
    public JournalFunds handle(JournalFundsQuery query) {
        return new JournalFunds(db.selectFrom(JOURNAL_FUND).orderBy(JOURNAL_FUND.FUND_ID)
                .fetch(f -> new JournalFundView(f.getFundId(), f.getOrgId(), f.getName(), f.getFundType(),
                        f.getOpenedOn())));
    }

    /** An account of the chart and the first day anything was posted to it (Beancount opens it then). */
    public record OpenedAccount(String accountClass, String fundId, String accountPath, java.time.LocalDate firstDay) {
    }

    /** Every account ever posted to, with its first posting day, in account order. */
    public List<OpenedAccount> accountsInUse() {
        return db.select(JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_PATH,
                        DSL.min(JOURNAL_POSTING.EFFECTIVE_DATE))
                .from(JOURNAL_POSTING)
                .groupBy(JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_PATH)
                .orderBy(JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_PATH)
                .fetch(r -> new OpenedAccount(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Whether the journal knows a fund at all (an unknown fund is a 404, an empty one has zero balance). */
    public boolean knowsFund(String fundId) {
        return db.fetchExists(JOURNAL_FUND, JOURNAL_FUND.FUND_ID.eq(fundId));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String truncate(String text, int lengthMax) {
        return text.length() <= lengthMax ? text : text.substring(0, lengthMax);
    }
}
