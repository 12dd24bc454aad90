package org.unionledger.core.period;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.core.period.PeriodEvents.AccountingPeriodClosed;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * The accounting periods of one organisation: which months are closed. One per organisation, with
 * the deterministic id {@code accounting-periods:<orgId>}. Registered with Axon by ledger-api.
 */
public class AccountingPeriods {

    private static final String ID_PREFIX = "accounting-periods:";

    @AggregateIdentifier
    private String accountingPeriodsId;
    private LocalDate closedThrough;

    protected AccountingPeriods() {
        // Axon rebuilds the periods from their events, or creates them at the first close.
    }

    public static String idOf(String orgId) {
        return ID_PREFIX + orgId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LocalDate handle(CloseAccountingPeriod command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(idOf(command.orgId()).equals(command.accountingPeriodsId()),
                "ACCOUNTING_PERIODS_ID_MUST_MATCH_ORG", "accounting periods of " + command.orgId()
                        + " are " + idOf(command.orgId()));
        BusinessRuleViolation.require(command.month() != null, "MONTH_REQUIRED", "month is required");
        BusinessRuleViolation.require(command.today() != null, "TODAY_REQUIRED", "today is required");
        LocalDate lastDay = command.month().atEndOfMonth();
        BusinessRuleViolation.require(lastDay.isBefore(command.today()), "PERIOD_MUST_HAVE_ENDED",
                "the month " + command.month() + " has not ended yet");
        if (closedThrough != null) {
            BusinessRuleViolation.require(lastDay.isAfter(closedThrough), "PERIOD_ALREADY_CLOSED",
                    "the books are closed through " + closedThrough);
            BusinessRuleViolation.require(YearMonth.from(closedThrough).plusMonths(1).equals(command.month()),
                    "PERIODS_MUST_CLOSE_IN_ORDER", "close " + YearMonth.from(closedThrough).plusMonths(1) + " first");
        }
        apply(new AccountingPeriodClosed(command.orgId(), command.month(), lastDay, command.note(), principal));
        return lastDay;
    }

    @EventSourcingHandler
    void on(AccountingPeriodClosed event) {
        accountingPeriodsId = idOf(event.orgId());
        closedThrough = event.closedThrough();
    }

    public LocalDate closedThrough() {
        return closedThrough;
    }
}
