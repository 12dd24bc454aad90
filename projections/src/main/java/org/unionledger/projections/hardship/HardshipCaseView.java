package org.unionledger.projections.hardship;

import java.time.LocalDate;
import java.util.List;

/** A household's case as the register knows it, with its current checks and every grant. */
public record HardshipCaseView(String caseId, String memberId, String orgId, int householdSize,
                               long monthlyIncomePerHeadFen, List<String> causes, String status,
                               boolean deepHardship, String certificateNumber, LocalDate registeredOn,
                               LocalDate verifiedOn, LocalDate exitedOn, String exitReason, Integer lastReviewedYear,
                               List<Check> checks, List<Grant> grants, long asOfSequence) {

    /** A required department's check; passed is null while the department has not answered. */
    public record Check(String department, Boolean passed, String note, String checkedBy, LocalDate checkedOn) {
    }

    public record Grant(String grantId, String fundId, String type, long amountFen, String childId,
                        String goodsDescription, Long goodsQuantity, Long goodsUnitValueFen, String status,
                        String awaitingReason, String proposedBy, LocalDate proposedOn, String approvedBy,
                        LocalDate approvedOn, String rejectedBy, LocalDate rejectedOn, String rejectionReason,
                        String paymentReference, LocalDate paidOn) {
    }
}
