package org.unionledger.projections.reconciliation;

import static org.unionledger.projections.jooq.Tables.BANK_STATEMENT_LINE;
import static org.unionledger.projections.jooq.Tables.JOURNAL_ENTRY;
import static org.unionledger.projections.jooq.Tables.RECONCILIATION_RESOLUTION;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.reconciliation.BankReconciliation;
import org.unionledger.core.reconciliation.ReconciliationCommands.BankLine;
import org.unionledger.core.reconciliation.ReconciliationEvents.BankStatementImported;
import org.unionledger.core.reconciliation.ReconciliationEvents.ReconciliationExceptionResolved;
import org.unionledger.projections.jooq.tables.records.BankStatementLineRecord;
import org.unionledger.projections.jooq.tables.records.JournalEntryRecord;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLineForPaymentQuery;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLineView;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLines;
import org.unionledger.projections.reconciliation.ReconciliationViews.LedgerItem;
import org.unionledger.projections.reconciliation.ReconciliationViews.Match;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationQuery;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationView;
import org.unionledger.projections.reconciliation.ReconciliationViews.Resolution;
import org.unionledger.projections.reconciliation.ReconciliationViews.Status;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Bank statement lines and resolved exceptions; a reconciliation query matches a month's lines to
 * the journal's bank movements (disbursements by payment reference, receipts by contribution
 * reference, returned payments by bank reference) by reference and amount.
 */
@Component
@ProcessingGroup(ReconciliationProjection.PROCESSING_GROUP)
public class ReconciliationProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    private static final int LOOKUP_LINES_MAX = 100;

    private final DSLContext db;

    public ReconciliationProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(BankStatementImported event, @Timestamp Instant at, TrackingToken token) {
        List<BankStatementLineRecord> rows = new ArrayList<>();
        for (BankLine line : event.lines()) {
            BankStatementLineRecord row = new BankStatementLineRecord();
            row.setFundId(event.fundId());
            row.setLineId(line.lineId());
            row.setMonth(event.month().toString());
            row.setStatementId(event.statementId());
            row.setLineDate(line.date());
            row.setAmountFen(line.amountFen());
            row.setReference(line.reference());
            row.setCounterparty(line.counterparty());
            row.setImportedBy(event.importedBy());
            row.setImportedAt(at.atOffset(ZoneOffset.UTC));
            row.setGlobalIndex(GlobalIndex.of(token));
            rows.add(row);
        }
        for (BankStatementLineRecord row : rows) {
            db.insertInto(BANK_STATEMENT_LINE).set(row).onConflictDoNothing().execute();
        }
    }

    @EventHandler
    void on(ReconciliationExceptionResolved event, @Timestamp Instant at) {
        db.insertInto(RECONCILIATION_RESOLUTION)
                .set(RECONCILIATION_RESOLUTION.FUND_ID, event.fundId())
                .set(RECONCILIATION_RESOLUTION.MONTH, event.month().toString())
                .set(RECONCILIATION_RESOLUTION.EXCEPTION_ID, event.exceptionId())
                .set(RECONCILIATION_RESOLUTION.NOTE, event.note())
                .set(RECONCILIATION_RESOLUTION.RESOLVED_BY, event.resolvedBy())
                .set(RECONCILIATION_RESOLUTION.RESOLVED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(BANK_STATEMENT_LINE).execute();
        db.truncate(RECONCILIATION_RESOLUTION).execute();
    }

    @QueryHandler
    public ReconciliationView handle(ReconciliationQuery query) {
        String month = query.month().toString();
        var lines = db.selectFrom(BANK_STATEMENT_LINE)
                .where(BANK_STATEMENT_LINE.FUND_ID.eq(query.fundId()).and(BANK_STATEMENT_LINE.MONTH.eq(month)))
                .orderBy(BANK_STATEMENT_LINE.LINE_DATE, BANK_STATEMENT_LINE.LINE_ID)
                .fetch();
        var entries = db.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.FUND_ID.eq(query.fundId())
                        .and(JOURNAL_ENTRY.BANK_AMOUNT_FEN.ne(0L))
                        .and(JOURNAL_ENTRY.EFFECTIVE_DATE.between(query.month().atDay(1), query.month().atEndOfMonth())))
                .orderBy(JOURNAL_ENTRY.EFFECTIVE_DATE, JOURNAL_ENTRY.GLOBAL_INDEX)
                .fetch();
        Map<String, Resolution> resolutions = new HashMap<>();
        db.selectFrom(RECONCILIATION_RESOLUTION)
                .where(RECONCILIATION_RESOLUTION.FUND_ID.eq(query.fundId())
                        .and(RECONCILIATION_RESOLUTION.MONTH.eq(month)))
                .forEach(r -> resolutions.put(r.getExceptionId(),
                        new Resolution(r.getNote(), r.getResolvedBy(), r.getResolvedAt().toInstant())));

        Map<String, Deque<JournalEntryRecord>> open = new HashMap<>();
        for (JournalEntryRecord entry : entries) {
            open.computeIfAbsent(key(entry.getBankReference(), entry.getBankAmountFen()), k -> new ArrayDeque<>())
                    .add(entry);
        }
        List<Match> matched = new ArrayList<>();
        List<BankLineView> unmatchedLines = new ArrayList<>();
        for (BankStatementLineRecord line : lines) {
            Deque<JournalEntryRecord> candidates = open.get(key(line.getReference(), line.getAmountFen()));
            JournalEntryRecord entry = candidates == null ? null : candidates.poll();
            if (entry != null) {
                matched.add(new Match(line.getLineId(), entry.getEntryId(), line.getLineDate(),
                        entry.getEffectiveDate(), line.getAmountFen(), line.getReference()));
            } else {
                String exceptionId = BankReconciliation.BANK_EXCEPTION_PREFIX + line.getLineId();
                unmatchedLines.add(view(line, resolutions.get(exceptionId)));
            }
        }
        List<LedgerItem> unmatchedEntries = new ArrayList<>();
        for (JournalEntryRecord entry : entries) {
            Deque<JournalEntryRecord> left = open.get(key(entry.getBankReference(), entry.getBankAmountFen()));
            if (left.contains(entry)) {
                String exceptionId = BankReconciliation.LEDGER_EXCEPTION_PREFIX + entry.getEntryId();
                unmatchedEntries.add(new LedgerItem(exceptionId, entry.getEntryId(), entry.getEventType(),
                        entry.getEffectiveDate(), entry.getBankAmountFen(), entry.getBankReference(),
                        entry.getDescription(), resolutions.get(exceptionId)));
            }
        }
        int openExceptions = (int) (unmatchedLines.stream().filter(l -> l.resolution() == null).count()
                + unmatchedEntries.stream().filter(e -> e.resolution() == null).count());
        Status status = lines.isEmpty() ? Status.NO_STATEMENT
                : openExceptions == 0 ? Status.RECONCILED : Status.EXCEPTIONS_OPEN;
        return new ReconciliationView(query.fundId(), month, status, lines.size(), matched.size(), openExceptions,
                matched, unmatchedLines, unmatchedEntries);
    }

    /** The bank lines showing a payment reference (money out), for the audit trace of a payout. */
    @QueryHandler
    public BankLines handle(BankLineForPaymentQuery query) {
        var where = BANK_STATEMENT_LINE.REFERENCE.eq(query.paymentReference());
        if (query.fundId() != null) {
            where = where.and(BANK_STATEMENT_LINE.FUND_ID.eq(query.fundId()));
        }
        return new BankLines(db.selectFrom(BANK_STATEMENT_LINE).where(where)
                .orderBy(BANK_STATEMENT_LINE.LINE_DATE, BANK_STATEMENT_LINE.LINE_ID)
                .limit(LOOKUP_LINES_MAX)
                .fetch(line -> view(line, null)));
    }

    private static BankLineView view(BankStatementLineRecord line, Resolution resolution) {
        return new BankLineView(BankReconciliation.BANK_EXCEPTION_PREFIX + line.getLineId(), line.getFundId(),
                line.getLineId(), line.getStatementId(), line.getLineDate(), line.getAmountFen(), line.getReference(),
                line.getCounterparty(), resolution);
    }

    private static String key(String reference, long amountFen) {
        return (reference == null ? "" : reference.strip()) + "\u0000" + amountFen;
    }
}
