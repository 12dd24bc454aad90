package org.unionledger.core.period;

import java.time.LocalDate;
import java.util.Optional;

import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The rule of closed periods, and the date each money command books its money on. Commands
 * without a date of their own (a reservation, a release) book on the day they are recorded, which
 * is always in an open period, because only months that have ended can be closed. To guard a new
 * dated money command, add one line to {@link #effectiveDateOf}.
 */
public final class PeriodRules {

    private PeriodRules() {
    }

    /** The date a money command books its money on, when it carries one. */
    public static Optional<LocalDate> effectiveDateOf(Object command) {
        if (command instanceof RecordContribution c) {
            return Optional.ofNullable(c.effectiveDate());
        }
        if (command instanceof DisburseReservation c) {
            return Optional.ofNullable(c.paidOn());
        }
        if (command instanceof ReturnPayment c) {
            return Optional.ofNullable(c.returnedOn());
        }
        return Optional.empty();
    }

    /** The fund a dated money command moves money in. */
    public static Optional<String> fundIdOf(Object command) {
        if (command instanceof RecordContribution c) {
            return Optional.ofNullable(c.fundId());
        }
        if (command instanceof DisburseReservation c) {
            return Optional.ofNullable(c.fundId());
        }
        if (command instanceof ReturnPayment c) {
            return Optional.ofNullable(c.fundId());
        }
        return Optional.empty();
    }

    /** Refuses money dated inside a closed period: corrections are reversals dated in an open one. */
    public static void requireOpen(LocalDate closedThrough, LocalDate effectiveDate, String orgId) {
        BusinessRuleViolation.require(closedThrough == null || effectiveDate == null
                        || effectiveDate.isAfter(closedThrough), "PERIOD_MUST_BE_OPEN",
                "the books of " + orgId + " are closed through " + closedThrough + ": money dated " + effectiveDate
                        + " must be booked as a correction dated in an open period");
    }
}
