package org.unionledger.core.pool;

import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * A plan of the pool and its terms. Benefit rules beyond the cap and the fixed amount belong to the
 * claims work.
 *
 * @param contributionPerShareFen what one share costs for one period
 * @param sharesMin               fewest shares a member may buy
 * @param sharesMax               most shares a member may buy
 * @param benefitCapFen           most the plan pays a member in a period (0: not capped here)
 * @param fixedBenefitFen         a fixed benefit per event, e.g. per birth (0: none)
 * @param waitingPeriodDays       days after enrolment before benefits start
 * @param femaleOnly              only female members may enrol (maternity)
 * @param deductibleFen           the part of a claim's reimbursable cost the member bears first (claims)
 * @param reimbursementRateBasisPoints share of the cost above the deductible the plan pays, in basis
 *                                points (10,000 = 100%); 0 on plans recorded before claims existed
 * @param claimCapFen             most the plan pays for one claim (0: not capped per claim)
 */
public record Plan(String code, String name, long contributionPerShareFen, int sharesMin, int sharesMax,
                   long benefitCapFen, long fixedBenefitFen, int waitingPeriodDays, boolean femaleOnly,
                   long deductibleFen, int reimbursementRateBasisPoints, long claimCapFen) {

    /** The largest reimbursement rate: 100%. */
    public static final int RATE_BASIS_POINTS_MAX = 10_000;

    /** A plan without claim terms (deductible 0, rate 0, no claim cap), as recorded before claims existed. */
    public Plan(String code, String name, long contributionPerShareFen, int sharesMin, int sharesMax,
                long benefitCapFen, long fixedBenefitFen, int waitingPeriodDays, boolean femaleOnly) {
        this(code, name, contributionPerShareFen, sharesMin, sharesMax, benefitCapFen, fixedBenefitFen,
                waitingPeriodDays, femaleOnly, 0, 0, 0);
    }

    /** The most shares any plan may allow: a limit on what one line of an import can cost. */
    public static final int SHARES_MAX_LIMIT = 100;

    /** Checks the plan's own terms; called before a plan is added to a pool. */
    public Plan validated() {
        BusinessRuleViolation.require(code != null && code.matches("[A-Z0-9_]{1,30}"), "PLAN_CODE_MUST_BE_WELL_FORMED",
                "a plan code is 1 to 30 capital letters, digits or underscores");
        BusinessRuleViolation.require(name != null && !name.isBlank(), "PLAN_NAME_REQUIRED", "a plan needs a name");
        BusinessRuleViolation.require(contributionPerShareFen > 0, "CONTRIBUTION_PER_SHARE_MUST_BE_POSITIVE",
                "contributionPerShareFen must be greater than zero");
        BusinessRuleViolation.require(sharesMin >= 1 && sharesMin <= sharesMax && sharesMax <= SHARES_MAX_LIMIT,
                "SHARES_RANGE_MUST_BE_VALID", "shares must satisfy 1 <= min <= max <= " + SHARES_MAX_LIMIT);
        BusinessRuleViolation.require(benefitCapFen >= 0 && fixedBenefitFen >= 0 && waitingPeriodDays >= 0
                && waitingPeriodDays <= 366, "BENEFIT_TERMS_MUST_BE_VALID",
                "benefit cap, fixed benefit and waiting period must not be negative (waiting at most 366 days)");
        BusinessRuleViolation.require(deductibleFen >= 0 && claimCapFen >= 0 && reimbursementRateBasisPoints >= 0
                && reimbursementRateBasisPoints <= RATE_BASIS_POINTS_MAX, "CLAIM_TERMS_MUST_BE_VALID",
                "deductible and claim cap must not be negative; the rate is 0 to " + RATE_BASIS_POINTS_MAX
                        + " basis points");
        return this;
    }

    public long priceFen(int shares) {
        return Math.multiplyExact(contributionPerShareFen, (long) shares);
    }
}
