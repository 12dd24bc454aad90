package org.unionledger.api.audit;

import java.time.LocalDate;
import java.util.Optional;

/**
 * EXTENSION POINT for reconciliation: the bank statement line a payout was matched to. The
 * reconciliation feature provides a bean implementing this; until then every payout trace says
 * "not reconciled" ({@link #NONE}).
 */
public interface BankStatementLines {

    BankStatementLines NONE = (fundId, reservationId, paymentReference) -> Optional.empty();

    Optional<BankStatementLine> forPayout(String fundId, String reservationId, String paymentReference);

    /** One line of a bank statement, as imported by reconciliation. */
    record BankStatementLine(String statementId, String lineId, LocalDate bookedOn, long amountFen,
                             String bankReference, String counterparty) {
    }
}
