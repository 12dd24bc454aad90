package org.unionledger.api.journal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.unionledger.projections.journal.JournalAccounts;
import org.unionledger.projections.journal.JournalProjection;
import org.unionledger.projections.journal.JournalViews;
import org.unionledger.projections.journal.JournalViews.JournalEntryView;
import org.unionledger.projections.journal.JournalViews.JournalQuery;
import org.unionledger.projections.journal.JournalViews.PostingView;
import org.unionledger.projections.journal.JournalViews.TrialBalanceLine;
import org.unionledger.projections.journal.JournalViews.TrialBalanceQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceView;
import org.unionledger.projections.reconciliation.ReconciliationProjection;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationQuery;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationView;

/** The books as tables (CSV, XLSX) and as a Beancount file. */
@Component
class BooksExports {

    private final JournalProjection journal;
    private final ReconciliationProjection reconciliation;

    BooksExports(JournalProjection journal, ReconciliationProjection reconciliation) {
        this.journal = journal;
        this.reconciliation = reconciliation;
    }

    /** Every entry in scope, page by page in global order. */
    void forEachEntry(String orgId, String fundId, LocalDate from, LocalDate to, Consumer<JournalEntryView> action) {
        long after = Long.MIN_VALUE;
        while (true) {
            List<JournalEntryView> page = journal.handle(new JournalQuery(orgId, fundId, from, to, after,
                    JournalViews.PAGE_SIZE_MAX)).entries();
            page.forEach(action);
            if (page.size() < JournalViews.PAGE_SIZE_MAX) {
                return;
            }
            after = page.get(page.size() - 1).globalIndex();
        }
    }

    Table journalTable(String orgId, String fundId, LocalDate from, LocalDate to) {
        Table table = new Table("Journal", List.of("date", "recorded_at", "entry_id", "org_id", "fund_id",
                "event_type", "source_id", "description", "account", "debit", "credit", "amount_fen"));
        forEachEntry(orgId, fundId, from, to, entry -> {
            for (PostingView p : entry.postings()) {
                table.add(entry.effectiveDate(), entry.recordedAt(), entry.entryId(), entry.orgId(), entry.fundId(),
                        entry.eventType(), entry.sourceId(), entry.description(), p.account(),
                        p.amountFen() > 0 ? Table.yuan(p.amountFen()) : null,
                        p.amountFen() < 0 ? Table.yuan(-p.amountFen()) : null, p.amountFen());
            }
        });
        return table;
    }

    Table trialBalanceTable(String orgId, String fundId, LocalDate from, LocalDate to) {
        TrialBalanceView view = journal.handle(new TrialBalanceQuery(orgId, fundId, from, to));
        Table table = new Table("Trial balance", List.of("account", "fund_id", "opening", "debit", "credit",
                "closing"));
        for (TrialBalanceLine line : view.lines()) {
            table.add(line.account(), line.fundId(), Table.yuan(line.openingFen()), Table.yuan(line.debitFen()),
                    Table.yuan(-line.creditFen()), Table.yuan(line.closingFen()));
        }
        table.add("Total", null, Table.yuan(view.openingTotalFen()), Table.yuan(view.debitTotalFen()),
                Table.yuan(-view.creditTotalFen()), Table.yuan(view.closingTotalFen()));
        return table;
    }

    Table payoutsTable(String orgId, String fundId, LocalDate from, LocalDate to) {
        Table table = new Table("Payouts", List.of("date", "fund_id", "org_id", "event_type", "reservation_id",
                "account", "amount", "bank_reference", "description"));
        forEachEntry(orgId, fundId, from, to, entry -> {
            if (!entry.eventType().equals("ReservationDisbursed") && !entry.eventType().equals("PaymentReturned")) {
                return;
            }
            PostingView expense = entry.postings().stream()
                    .filter(p -> p.accountClass().equals(JournalAccounts.EXPENSES)).findFirst().orElseThrow();
            table.add(entry.effectiveDate(), entry.fundId(), entry.orgId(), entry.eventType(), entry.sourceId(),
                    expense.account(), Table.yuan(expense.amountFen()), entry.bankReference(), entry.description());
        });
        return table;
    }

    Table reconciliationTable(String fundId, YearMonth month) {
        ReconciliationView view = reconciliation.handle(new ReconciliationQuery(fundId, month));
        Table table = new Table("Reconciliation", List.of("fund_id", "month", "status", "kind", "id", "date",
                "amount", "reference", "resolution", "resolved_by"));
        view.matched().forEach(m -> table.add(fundId, view.month(), view.status(), "MATCHED",
                m.lineId() + " = " + m.entryId(), m.bankDate(), Table.yuan(m.amountFen()), m.reference(), null, null));
        view.unmatchedBankLines().forEach(l -> table.add(fundId, view.month(), view.status(), "BANK_LINE_UNMATCHED",
                l.exceptionId(), l.date(), Table.yuan(l.amountFen()), l.reference(),
                l.resolution() == null ? null : l.resolution().note(),
                l.resolution() == null ? null : l.resolution().resolvedBy()));
        view.unmatchedLedgerEntries().forEach(e -> table.add(fundId, view.month(), view.status(),
                "LEDGER_ENTRY_UNMATCHED", e.exceptionId(), e.effectiveDate(), Table.yuan(e.amountFen()), e.reference(),
                e.resolution() == null ? null : e.resolution().note(),
                e.resolution() == null ? null : e.resolution().resolvedBy()));
        return table;
    }

    /**
     * The whole journal as Beancount: an open directive per account on its first day, one
     * transaction per entry, and a balance assertion per account after the last day, so bean-check
     * itself proves that Beancount's balances equal ours.
     */
    void writeBeancount(Writer out) throws IOException {
        PrintWriter w = new PrintWriter(out);
        w.println("; union-ledger journal: amounts in CNY; debits positive, credits negative");
        w.println("option \"title\" \"union-ledger\"");
        w.println("option \"operating_currency\" \"CNY\"");
        w.println();
        List<JournalProjection.OpenedAccount> accounts = journal.accountsInUse();
        LocalDate lastDay = null;
        for (JournalProjection.OpenedAccount account : accounts) {
            w.println(account.firstDay() + " open "
                    + JournalAccounts.beancountName(account.accountClass(), account.fundId(), account.accountPath())
                    + " CNY");
        }
        w.println();
        LocalDate[] last = {null};
        forEachEntry(null, null, null, null, entry -> {
            w.println(entry.effectiveDate() + " * \"" + quote(entry.description()) + "\"");
            w.println("  entry: \"" + quote(entry.entryId()) + "\"");
            w.println("  fund: \"" + quote(entry.fundId()) + "\"");
            for (PostingView p : entry.postings()) {
                w.println("  " + JournalAccounts.beancountName(p.accountClass(), entry.fundId(), p.accountPath())
                        + "  " + Table.yuan(p.amountFen()).toPlainString() + " CNY");
            }
            w.println();
            if (last[0] == null || entry.effectiveDate().isAfter(last[0])) {
                last[0] = entry.effectiveDate();
            }
        });
        lastDay = last[0];
        if (lastDay != null) {
            TrialBalanceView balances = journal.handle(new TrialBalanceQuery(null, null, null, null));
            for (TrialBalanceLine line : balances.lines()) {
                BigDecimal closing = Table.yuan(line.closingFen());
                w.println(lastDay.plusDays(1) + " balance "
                        + JournalAccounts.beancountName(line.accountClass(), line.fundId(), line.accountPath())
                        + "  " + closing.toPlainString() + " CNY");
            }
        }
        w.flush();
    }

    private static String quote(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
