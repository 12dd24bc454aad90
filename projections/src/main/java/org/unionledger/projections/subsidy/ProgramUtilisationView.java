package org.unionledger.projections.subsidy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How much of a program's budget is used. remainingFen = budget less granted (approved);
 * beneficiaries = grants approved; utilisationPercent = granted / budget.
 */
public record ProgramUtilisationView(String programId, String orgId, String name, String fundId, String amountRule,
                                     long amountPerPersonFen, long budgetFen, Map<String, Long> budgetBySourceFen,
                                     long grantedFen, long paidFen, long remainingFen, int beneficiaries,
                                     int paidCount, int applicationCount, int rejectedCount,
                                     BigDecimal utilisationPercent) {
}
