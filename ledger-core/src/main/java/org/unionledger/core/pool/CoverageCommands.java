package org.unionledger.core.pool;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.unionledger.core.fund.PayerType;

/** Commands on one member's coverage. */
public final class CoverageCommands {

    private CoverageCommands() {
    }

    /**
     * Enrol a member in a plan for a period. The plan and period are the pool's terms, looked up by
     * the enrolment flow from the pool's catalogue; the coverage checks the member-level rules.
     *
     * @param coverageId  {@link CoverageIds#of}: deterministic, so a second enrolment is refused
     * @param poolFundId  the pool's money fund, which receives the contribution
     * @param orgId       the member's organisation (for statistics)
     * @param payerType   MEMBER (voluntary), EMPLOYER (bulk) or UNION (gifted)
     * @param employerId  the paying employer, for EMPLOYER
     * @param giftFundId  the union's own GENERAL fund that pays, for UNION
     * @param gender      the member's gender from the directory (maternity is for female members)
     */
    public record EnrolCoverage(@TargetAggregateIdentifier String coverageId, String poolId, String poolFundId,
                                String memberId, String orgId, Plan plan, CoveragePeriod period, int shares,
                                long amountFen, PayerType payerType, String channel, String employerId,
                                String giftFundId, LocalDate enrolledOn, Gender gender) {
    }
}
