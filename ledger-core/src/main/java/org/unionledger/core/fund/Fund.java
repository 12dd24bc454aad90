package org.unionledger.core.fund;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.money.FundAccount;
import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * A union fund owned by one organisation. It holds money only; what the money is for lives in
 * the pool, hardship and subsidy aggregates. Registered with Axon by ledger-api.
 */
public class Fund {

    @AggregateIdentifier
    private String fundId;
    private String orgId;
    private final FundAccount account = new FundAccount();

    protected Fund() {
        // Axon rebuilds the fund from its events.
    }

    @CommandHandler
    public Fund(OpenFund command) {
        Ids.requireValid("fundId", command.fundId());
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.name() != null && !command.name().isBlank(), "FUND_NAME_REQUIRED",
                "a fund needs a name");
        BusinessRuleViolation.require(command.fundType() != null, "FUND_TYPE_REQUIRED", "a fund needs a type");
        apply(new FundOpened(command.fundId(), command.orgId(), command.name().strip(), command.fundType()));
    }

    @CommandHandler
    public String handle(RecordContribution command) {
        Ids.requireValid("contributionId", command.contributionId());
        Money amount = Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(command.payerType() != null, "PAYER_TYPE_REQUIRED", "payerType is required");
        BusinessRuleViolation.require(command.effectiveDate() != null, "EFFECTIVE_DATE_REQUIRED",
                "effectiveDate is required");
        account.checkCanReceive(amount);
        apply(new ContributionRecorded(fundId, orgId, command.contributionId(), amount.fen(), command.payerType(),
                command.channel(), command.effectiveDate(), command.memo()));
        return command.contributionId();
    }

    @EventSourcingHandler
    void on(FundOpened event) {
        fundId = event.fundId();
        orgId = event.orgId();
    }

    @EventSourcingHandler
    void on(ContributionRecorded event) {
        account.receive(Money.ofFen(event.amountFen()));
    }
}
