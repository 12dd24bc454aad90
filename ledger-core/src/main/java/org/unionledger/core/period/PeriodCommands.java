package org.unionledger.core.period;

import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an organisation's accounting periods. */
public final class PeriodCommands {

    private PeriodCommands() {
    }

    /**
     * Close the books of one month. Months close in order, and only once they have ended.
     *
     * @param today the ledger's date (Asia/Shanghai) when the officer asked
     */
    public record CloseAccountingPeriod(@TargetAggregateIdentifier String accountingPeriodsId, String orgId,
                                        YearMonth month, LocalDate today, String note) {

        public static CloseAccountingPeriod of(String orgId, YearMonth month, LocalDate today, String note) {
            return new CloseAccountingPeriod(AccountingPeriods.idOf(orgId), orgId, month, today, note);
        }
    }
}
