package org.unionledger.projections.reconciliation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Queries on bank reconciliation and what they answer. */
public final class ReconciliationViews {

    private ReconciliationViews() {
    }

    public enum Status {
        /** No bank statement imported for the month. */
        NO_STATEMENT,
        /** Some unmatched lines or entries are not explained yet. */
        EXCEPTIONS_OPEN,
        /** Every line and entry is matched or resolved with a note. */
        RECONCILED
    }

    public record ReconciliationQuery(String fundId, YearMonth month) {
    }

    public record ReconciliationView(String fundId, String month, Status status, int bankLineCount, int matchedCount,
                                     int openExceptionCount, List<Match> matched, List<BankLineView> unmatchedBankLines,
                                     List<LedgerItem> unmatchedLedgerEntries) {
    }

    /** A bank line matched to a journal entry by reference and amount. */
    public record Match(String lineId, String entryId, LocalDate bankDate, LocalDate bookedOn, long amountFen,
                        String reference) {
    }

    /** A bank line; {@code resolution} is the officer's note once the exception is resolved. */
    public record BankLineView(String exceptionId, String fundId, String lineId, String statementId, LocalDate date,
                               long amountFen, String reference, String counterparty, Resolution resolution) {
    }

    /** A movement of the fund's bank money in the journal. */
    public record LedgerItem(String exceptionId, String entryId, String eventType, LocalDate effectiveDate,
                             long amountFen, String reference, String description, Resolution resolution) {
    }

    public record Resolution(String note, String resolvedBy, java.time.Instant resolvedAt) {
    }

    /** The bank line that paid out a payment reference, for the audit trace. */
    public record BankLineForPaymentQuery(String fundId, String paymentReference) {
    }

    public record BankLines(List<BankLineView> lines) {
    }
}
