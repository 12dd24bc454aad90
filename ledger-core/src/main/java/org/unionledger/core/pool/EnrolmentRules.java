package org.unionledger.core.pool;

import java.time.LocalDate;

import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageCommands.EnrolCoverage;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * The rules an enrolment must satisfy, as a pure function: the {@link Coverage} aggregate applies
 * them, and the bulk import applies the same code first to report a bad line without sending it.
 */
public final class EnrolmentRules {

    /** The derived coverage id must leave room for "gift:" in a 100-character reservation id. */
    public static final int COVERAGE_ID_LENGTH_MAX = 94;

    private EnrolmentRules() {
    }

    public static void check(EnrolCoverage command) {
        Ids.requireValid("memberId", command.memberId());
        Ids.requireValid("poolId", command.poolId());
        Ids.requireValid("poolFundId", command.poolFundId());
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.plan() != null, "PLAN_MUST_EXIST_IN_POOL", "a plan is required");
        BusinessRuleViolation.require(command.period() != null, "PERIOD_MUST_EXIST_IN_POOL", "a period is required");
        Plan plan = command.plan();
        CoveragePeriod period = command.period();
        String expectedId = CoverageIds.of(command.poolId(), plan.code(), period.periodId(), command.memberId());
        BusinessRuleViolation.require(expectedId.equals(command.coverageId()), "COVERAGE_ID_MUST_BE_DERIVED",
                "coverage id must be " + expectedId);
        BusinessRuleViolation.require(expectedId.length() <= COVERAGE_ID_LENGTH_MAX, "ID_MUST_BE_WELL_FORMED",
                "member id too long: the coverage id must not exceed " + COVERAGE_ID_LENGTH_MAX + " characters");
        BusinessRuleViolation.require(period.offers(plan.code()), "PLAN_MUST_BE_OFFERED_IN_PERIOD",
                "period " + period.periodId() + " does not offer plan " + plan.code());
        BusinessRuleViolation.require(command.enrolledOn() != null, "ENROLMENT_DATE_REQUIRED",
                "enrolledOn is required");
        BusinessRuleViolation.require(!period.hasEndedBefore(command.enrolledOn()), "PERIOD_MUST_NOT_HAVE_ENDED",
                "period " + period.periodId() + " ended on " + period.endDate());
        BusinessRuleViolation.require(command.shares() >= plan.sharesMin() && command.shares() <= plan.sharesMax(),
                "SHARES_MUST_BE_WITHIN_PLAN_LIMITS", "plan " + plan.code() + " allows " + plan.sharesMin() + " to "
                        + plan.sharesMax() + " shares, not " + command.shares());
        long priceFen = plan.priceFen(command.shares());
        BusinessRuleViolation.require(command.amountFen() == priceFen, "AMOUNT_MUST_EQUAL_PRICE_TIMES_SHARES",
                "amountFen must be " + priceFen + " (" + plan.contributionPerShareFen() + " x " + command.shares()
                        + "), was " + command.amountFen());
        BusinessRuleViolation.require(!plan.femaleOnly() || command.gender() == Gender.FEMALE,
                "PLAN_REQUIRES_FEMALE_MEMBER", "plan " + plan.code() + " is for female members (directory gender: "
                        + command.gender() + ")");
        checkPayer(command);
    }

    private static void checkPayer(EnrolCoverage command) {
        PayerType payer = command.payerType();
        BusinessRuleViolation.require(payer == PayerType.MEMBER || payer == PayerType.EMPLOYER
                        || payer == PayerType.UNION, "PAYER_MUST_BE_MEMBER_EMPLOYER_OR_UNION",
                "coverage is paid by the member, an employer or the union, not " + payer);
        if (payer == PayerType.EMPLOYER) {
            Ids.requireValid("employerId", command.employerId());
        }
        if (payer == PayerType.UNION) {
            BusinessRuleViolation.require(command.giftFundId() != null, "GIFTED_COVERAGE_NEEDS_SOURCE_FUND",
                    "gifted coverage names the union fund that pays for it");
            Ids.requireValid("giftFundId", command.giftFundId());
            BusinessRuleViolation.require(!command.giftFundId().equals(command.poolFundId()),
                    "GIFT_FUND_MUST_NOT_BE_THE_POOL", "the pool cannot gift coverage to itself");
        }
    }

    /** The first day a claim can be for: the period's start or the end of the waiting period. */
    public static LocalDate benefitsFrom(Plan plan, CoveragePeriod period, LocalDate enrolledOn) {
        LocalDate afterWaiting = enrolledOn.plusDays(plan.waitingPeriodDays());
        return afterWaiting.isAfter(period.startDate()) ? afterWaiting : period.startDate();
    }
}
