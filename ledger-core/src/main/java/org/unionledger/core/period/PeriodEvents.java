package org.unionledger.core.period;

import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.serialization.Revision;

/** Facts about an organisation's accounting periods. */
public final class PeriodEvents {

    private PeriodEvents() {
    }

    /**
     * The books of {@code month} are closed: no money may be dated on or before {@code closedThrough}.
     *
     * @param closedBy the principal who closed the period
     */
    @Revision("1")
    public record AccountingPeriodClosed(String orgId, YearMonth month, LocalDate closedThrough, String note,
                                         String closedBy) {
    }
}
