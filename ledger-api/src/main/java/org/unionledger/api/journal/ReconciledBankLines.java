package org.unionledger.api.journal;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.unionledger.api.audit.BankStatementLines;
import org.unionledger.projections.reconciliation.ReconciliationProjection;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLineForPaymentQuery;

/** The audit trace's bank line of a payout: the imported statement line with its payment reference (money out). */
@Component
class ReconciledBankLines implements BankStatementLines {

    private final ReconciliationProjection reconciliation;

    ReconciledBankLines(ReconciliationProjection reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public Optional<BankStatementLine> forPayout(String fundId, String reservationId, String paymentReference) {
        if (paymentReference == null) {
            return Optional.empty();
        }
        return reconciliation.handle(new BankLineForPaymentQuery(fundId, paymentReference)).lines().stream()
                .filter(line -> line.amountFen() < 0)
                .findFirst()
                .map(line -> new BankStatementLine(line.statementId(), line.lineId(), line.date(), line.amountFen(),
                        line.reference(), line.counterparty()));
    }
}
