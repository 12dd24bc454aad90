package org.unionledger.core.fund;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** Facts about a union fund. Events are forever: change them only through upcasters. */
public final class FundEvents {

    private FundEvents() {
    }

    @Revision("1")
    public record FundOpened(String fundId, String orgId, String name, FundType fundType) {
    }

    @Revision("1")
    public record ContributionRecorded(String fundId, String orgId, String contributionId, long amountFen,
                                       PayerType payerType, String channel, LocalDate effectiveDate, String memo) {
    }
}
