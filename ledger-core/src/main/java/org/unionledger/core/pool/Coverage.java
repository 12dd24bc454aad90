package org.unionledger.core.pool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.pool.CoverageCommands.EnrolCoverage;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;

/**
 * One member's coverage under one plan for one period. Its id is derived
 * ({@link CoverageIds#of}), so creating it a second time is refused by the event store: rule
 * MEMBER_MUST_ENROL_ONCE_PER_PLAN_AND_PERIOD. Claims will add benefit used to this aggregate.
 */
public class Coverage {

    @AggregateIdentifier
    private String coverageId;
    private String memberId;
    private LocalDate benefitsFrom;
    private LocalDate periodEndDate;

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

    @EventSourcingHandler
    void on(CoverageEnrolled event) {
        coverageId = event.coverageId();
        memberId = event.memberId();
        benefitsFrom = event.benefitsFrom();
        periodEndDate = event.periodEndDate();
    }
}
