package org.unionledger.core.fund;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a union fund. Ids are chosen by the client, so a retried command can be recognised. */
public final class FundCommands {

    private FundCommands() {
    }

    /** Open a fund owned by an organisation. */
    public record OpenFund(@TargetAggregateIdentifier String fundId, String orgId, String name, FundType fundType) {
    }

    /** Record money received into a fund. */
    public record RecordContribution(@TargetAggregateIdentifier String fundId, String contributionId, long amountFen,
                                     PayerType payerType, String channel, LocalDate effectiveDate, String memo) {
    }
}
