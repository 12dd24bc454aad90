package org.unionledger.core.claim;

import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The settlement invoice's figures (one-stop settlement): the total medical cost, the part inside the
 * basic-insurance scope, and what basic insurance already paid of it. The pool reimburses from the
 * part inside the scope that basic insurance left to the member.
 */
public record ClaimCosts(long totalCostFen, long insideScopeFen, long basicInsurancePaidFen) {

    /** Checks 0 <= paid by basic insurance <= inside scope <= total <= the ledger's amount limit. */
    public ClaimCosts validated() {
        BusinessRuleViolation.require(basicInsurancePaidFen >= 0 && insideScopeFen >= basicInsurancePaidFen
                && totalCostFen >= insideScopeFen && totalCostFen <= Money.AMOUNT_FEN_MAX,
                "CLAIM_COSTS_MUST_BE_CONSISTENT",
                "costs must satisfy 0 <= basic insurance paid <= inside scope <= total <= " + Money.AMOUNT_FEN_MAX);
        return this;
    }

    /** The part inside the basic-insurance scope that the member still carries. */
    public long reimbursableFen() {
        return insideScopeFen - basicInsurancePaidFen;
    }
}
