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

    /**
     * Asks whether a claim for an event on {@code eventDate} (admission or birth) is covered. Records
     * nothing; sent in the same transaction as the claim's submission, answers a
     * {@link ClaimEligibility} or throws COVERAGE_MUST_BE_ACTIVE_ON_EVENT_DATE,
     * WAITING_PERIOD_MUST_HAVE_PASSED or CLAIM_MEMBER_MUST_BE_COVERED_MEMBER.
     */
    public record CheckClaimEligibility(@TargetAggregateIdentifier String coverageId, String claimId, String memberId,
                                        LocalDate eventDate) {
    }

    /** What a claim learns from the coverage: who is covered, their org and the cap left (fen). */
    public record ClaimEligibility(String memberId, String orgId, long remainingCapFen) {
    }

    /** An approved claim uses part of the member's cap for the period. Idempotent per claim. */
    public record ConsumeBenefit(@TargetAggregateIdentifier String coverageId, String claimId, long amountFen) {
    }

    /** A cancelled claim gives its consumed benefit back. Idempotent per claim. */
    public record RestoreBenefit(@TargetAggregateIdentifier String coverageId, String claimId) {
    }
}
