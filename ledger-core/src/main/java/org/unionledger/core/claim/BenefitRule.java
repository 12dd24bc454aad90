package org.unionledger.core.claim;

import org.unionledger.core.pool.Plan;

/**
 * What a plan pays for one claim. Amounts in fen; 0 for a cap means "not capped".
 *
 * @param deductibleFen                the reimbursable cost the member bears first
 * @param reimbursementRateBasisPoints share of the cost above the deductible paid (10,000 = 100%)
 * @param claimCapFen                  most paid for one claim (0: no cap per claim)
 * @param fixedBenefitFen              a fixed amount per event instead of a reimbursement (0: none)
 */
public record BenefitRule(long deductibleFen, int reimbursementRateBasisPoints, long claimCapFen,
                          long fixedBenefitFen) {

    public static BenefitRule of(Plan plan) {
        return new BenefitRule(plan.deductibleFen(), plan.reimbursementRateBasisPoints(), plan.claimCapFen(),
                plan.fixedBenefitFen());
    }

    public boolean isFixed() {
        return fixedBenefitFen > 0;
    }
}
