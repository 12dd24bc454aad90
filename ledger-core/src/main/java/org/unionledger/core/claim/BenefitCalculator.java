package org.unionledger.core.claim;

/**
 * The benefit a claim is worth: a pure function, integer arithmetic only.
 *
 * <p>Reimbursement: the part inside the basic-insurance scope not paid by basic insurance, less the
 * plan's deductible (never below zero), times the rate in basis points, rounded to the fen half up;
 * then capped per claim and by what is left of the member's cap for the period. A fixed benefit
 * (maternity: 600 yuan a birth) ignores the costs and is only limited by the remaining cap.
 */
public final class BenefitCalculator {

    /** Passed as remaining cap when the plan has no cap per member per period. */
    public static final long UNCAPPED = Long.MAX_VALUE;

    private static final long BASIS_POINTS = 10_000;

    private BenefitCalculator() {
    }

    /** Which limit decided the amount, so reviewers and members see why. */
    public enum LimitedBy {
        NONE, CLAIM_CAP, PERIOD_CAP
    }

    public record Benefit(long benefitFen, long reimbursableFen, long afterDeductibleFen, LimitedBy limitedBy) {
    }

    public static Benefit calculate(BenefitRule rule, ClaimCosts costs, long remainingPeriodCapFen) {
        if (remainingPeriodCapFen < 0) {
            throw new IllegalArgumentException("remaining cap must not be negative: " + remainingPeriodCapFen);
        }
        if (rule.isFixed()) {
            long benefit = Math.min(rule.fixedBenefitFen(), remainingPeriodCapFen);
            return new Benefit(benefit, 0, 0, benefit < rule.fixedBenefitFen() ? LimitedBy.PERIOD_CAP : LimitedBy.NONE);
        }
        long reimbursable = Math.max(0, costs.reimbursableFen());
        long afterDeductible = Math.max(0, reimbursable - rule.deductibleFen());
        long benefit = timesRateHalfUp(afterDeductible, rule.reimbursementRateBasisPoints());
        LimitedBy limitedBy = LimitedBy.NONE;
        if (rule.claimCapFen() > 0 && benefit > rule.claimCapFen()) {
            benefit = rule.claimCapFen();
            limitedBy = LimitedBy.CLAIM_CAP;
        }
        if (benefit > remainingPeriodCapFen) {
            benefit = remainingPeriodCapFen;
            limitedBy = LimitedBy.PERIOD_CAP;
        }
        return new Benefit(benefit, reimbursable, afterDeductible, limitedBy);
    }

    /** amount x rate / 10,000 rounded half up, exact for any amount the ledger accepts (overflow throws). */
    static long timesRateHalfUp(long amountFen, int rateBasisPoints) {
        long product = Math.multiplyExact(amountFen, (long) rateBasisPoints);
        return Math.addExact(product, BASIS_POINTS / 2) / BASIS_POINTS;
    }
}
