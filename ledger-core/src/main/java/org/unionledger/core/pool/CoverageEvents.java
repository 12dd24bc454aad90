package org.unionledger.core.pool;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.unionledger.core.fund.PayerType;

/** Facts about one member's coverage. Members are opaque ids: no personal data here. */
public final class CoverageEvents {

    private CoverageEvents() {
    }

    /**
     * A member was enrolled. {@code benefitsFrom} is the first day a claim can be for: the later
     * of the period's start and the end of the plan's waiting period.
     */
    @Revision("1")
    public record CoverageEnrolled(String coverageId, String poolId, String poolFundId, String memberId, String orgId,
                                   String planCode, String periodId, int shares, long amountFen,
                                   PayerType payerType, String channel, String employerId, String giftFundId,
                                   LocalDate enrolledOn, LocalDate benefitsFrom, LocalDate periodEndDate,
                                   long benefitCapFen, long fixedBenefitFen) {
    }

    /** An approved claim used part of the member's benefit cap for the period. */
    @Revision("1")
    public record BenefitConsumed(String coverageId, String claimId, long amountFen, long usedFen) {
    }

    /** A cancelled claim gave its benefit back. */
    @Revision("1")
    public record BenefitRestored(String coverageId, String claimId, long amountFen, long usedFen) {
    }
}
