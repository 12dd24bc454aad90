package org.unionledger.core.reconciliation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a fund's bank reconciliation for one month. */
public final class ReconciliationCommands {

    /** Lines of one statement for one month at most: a limit on what one command may carry. */
    public static final int STATEMENT_LINES_MAX = 5_000;

    private ReconciliationCommands() {
    }

    /**
     * One line of a bank statement. {@code amountFen} is positive for money in, negative for money out.
     *
     * @param lineId unique within the fund: the statement id and the line's number
     */
    public record BankLine(String lineId, LocalDate date, long amountFen, String reference, String counterparty) {
    }

    /** Import the lines of a bank statement dated in one month. Idempotent on statementId. */
    public record ImportBankStatement(@TargetAggregateIdentifier String reconciliationId, String fundId,
                                      YearMonth month, String statementId, List<BankLine> lines) {

        public static ImportBankStatement of(String fundId, YearMonth month, String statementId, List<BankLine> lines) {
            return new ImportBankStatement(BankReconciliation.idOf(fundId, month), fundId, month, statementId, lines);
        }
    }

    /**
     * A finance officer explains an exception: a bank line with no ledger entry ({@code bank:<lineId>})
     * or a ledger entry with no bank line ({@code ledger:<entryId>}).
     */
    public record ResolveReconciliationException(@TargetAggregateIdentifier String reconciliationId, String fundId,
                                                 YearMonth month, String exceptionId, String note) {

        public static ResolveReconciliationException of(String fundId, YearMonth month, String exceptionId,
                                                        String note) {
            return new ResolveReconciliationException(BankReconciliation.idOf(fundId, month), fundId, month,
                    exceptionId, note);
        }
    }
}
