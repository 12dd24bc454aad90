package org.unionledger.core.pool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.money.Money;
import org.unionledger.core.pool.CoverageCommands.CheckClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ConsumeBenefit;
import org.unionledger.core.pool.CoverageCommands.EnrolCoverage;
import org.unionledger.core.pool.CoverageCommands.RestoreBenefit;
import org.unionledger.core.pool.CoverageEvents.BenefitConsumed;
import org.unionledger.core.pool.CoverageEvents.BenefitRestored;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * One member's coverage under one plan for one period. Its id is derived
 * ({@link CoverageIds#of}), so creating it a second time is refused by the event store: rule
 * MEMBER_MUST_ENROL_ONCE_PER_PLAN_AND_PERIOD. Claims check their event date here and consume the
 * member's benefit cap for the period here, in the same transaction as the approval.
 */
public class Coverage {

    /** Claims per coverage the aggregate remembers; far above what one member claims in a period. */
    public static final int CLAIMS_MAX = 1_000;

    @AggregateIdentifier
    private String coverageId;
    private String memberId;
    private String orgId;
    private LocalDate enrolledOn;
    private LocalDate benefitsFrom;
    private LocalDate periodEndDate;
    private long benefitCapFen;
    private long usedFen;
    private final Map<String, Long> consumedByClaim = new HashMap<>();

    protected Coverage() {
    }

    @CommandHandler
    public Coverage(EnrolCoverage command) {
        EnrolmentRules.check(command);
        Plan plan = command.plan();
        CoveragePeriod period = command.period();
        apply(new CoverageEnrolled(command.coverageId(), command.poolId(), command.poolFundId(), command.memberId(),
                command.orgId(), plan.code(), period.periodId(), command.shares(), command.amountFen(),
                command.payerType(), command.channel(), command.employerId(), command.giftFundId(),
                command.enrolledOn(), EnrolmentRules.benefitsFrom(plan, period, command.enrolledOn()),
                period.endDate(), plan.benefitCapFen(), plan.fixedBenefitFen()));
    }

    @CommandHandler
    public ClaimEligibility handle(CheckClaimEligibility command) {
        BusinessRuleViolation.require(memberId.equals(command.memberId()), "CLAIM_MEMBER_MUST_BE_COVERED_MEMBER",
                "coverage " + coverageId + " covers another member");
        LocalDate eventDate = command.eventDate();
        BusinessRuleViolation.require(eventDate != null && !eventDate.isAfter(periodEndDate)
                        && !eventDate.isBefore(enrolledOn),
                "COVERAGE_MUST_BE_ACTIVE_ON_EVENT_DATE", "the coverage is not active on " + eventDate
                        + " (enrolled " + enrolledOn + ", period ends " + periodEndDate + ")");
        BusinessRuleViolation.require(!eventDate.isBefore(benefitsFrom), "WAITING_PERIOD_MUST_HAVE_PASSED",
                "benefits start on " + benefitsFrom + ", the event was on " + eventDate);
        return new ClaimEligibility(memberId, orgId, remainingCapFen());
    }

    @CommandHandler
    public long handle(ConsumeBenefit command) {
        Money amount = Money.positiveAmount(command.amountFen());
        Long earlier = consumedByClaim.get(command.claimId());
        if (earlier != null) {
            BusinessRuleViolation.require(earlier == amount.fen(), "BENEFIT_CLAIM_ID_REUSED",
                    "claim " + command.claimId() + " consumed another amount");
            return remainingCapFen();
        }
        BusinessRuleViolation.require(amount.fen() <= remainingCapFen(), "BENEFIT_MUST_NOT_EXCEED_REMAINING_CAP",
                "the member has " + Money.ofFen(remainingCapFen()) + " left of the period's cap");
        BusinessRuleViolation.require(consumedByClaim.size() < CLAIMS_MAX, "CLAIMS_PER_COVERAGE_MUST_NOT_EXCEED_LIMIT",
                "at most " + CLAIMS_MAX + " claims per coverage");
        apply(new BenefitConsumed(coverageId, command.claimId(), amount.fen(), usedFen + amount.fen()));
        return remainingCapFen();
    }

    @CommandHandler
    public void handle(RestoreBenefit command) {
        Long consumed = consumedByClaim.get(command.claimId());
        if (consumed == null || consumed == 0) {
            return;
        }
        apply(new BenefitRestored(coverageId, command.claimId(), consumed, usedFen - consumed));
    }

    /** What the member may still be paid this period; {@link Long#MAX_VALUE} when the plan has no cap. */
    private long remainingCapFen() {
        return benefitCapFen == 0 ? Long.MAX_VALUE : Math.max(0, benefitCapFen - usedFen);
    }

    @EventSourcingHandler
    void on(CoverageEnrolled event) {
        coverageId = event.coverageId();
        memberId = event.memberId();
        orgId = event.orgId();
        enrolledOn = event.enrolledOn();
        benefitsFrom = event.benefitsFrom();
        periodEndDate = event.periodEndDate();
        benefitCapFen = event.benefitCapFen();
    }

    @EventSourcingHandler
    void on(BenefitConsumed event) {
        usedFen = event.usedFen();
        consumedByClaim.put(event.claimId(), event.amountFen());
    }

    @EventSourcingHandler
    void on(BenefitRestored event) {
        usedFen = event.usedFen();
        consumedByClaim.put(event.claimId(), 0L);
    }
}
