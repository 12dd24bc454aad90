package org.unionledger.core.reconciliation;

import java.time.YearMonth;
import java.util.List;

import org.axonframework.serialization.Revision;
import org.unionledger.core.reconciliation.ReconciliationCommands.BankLine;

/** Facts of a fund's bank reconciliation. */
public final class ReconciliationEvents {

    private ReconciliationEvents() {
    }

    @Revision("1")
    public record BankStatementImported(String fundId, YearMonth month, String statementId, List<BankLine> lines,
                                        String importedBy) {
    }

    @Revision("1")
    public record ReconciliationExceptionResolved(String fundId, YearMonth month, String exceptionId, String note,
                                                  String resolvedBy) {
    }
}
