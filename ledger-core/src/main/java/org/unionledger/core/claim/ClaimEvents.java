package org.unionledger.core.claim;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * Facts about claims. Every event names the member (an opaque id) so the member's notice can be
 * written from the event alone. Events are forever: change them only through upcasters.
 */
public final class ClaimEvents {

    private ClaimEvents() {
    }

    @Revision("1")
    public record ClaimSubmitted(String claimId, String poolId, String fundId, String coverageId, String memberId,
                                 String orgId, String planCode, String periodId, LocalDate admissionDate,
                                 LocalDate dischargeDate, LocalDate dateOfBirth, long totalCostFen,
                                 long insideScopeFen, long basicInsurancePaidFen, String invoiceNumber,
                                 List<ClaimDocument> documents, BenefitRule benefitRule, long calculatedBenefitFen,
                                 BenefitCalculator.LimitedBy limitedBy, String submittedBy) {
    }

    @Revision("1")
    public record ClaimDocumentsAdded(String claimId, String memberId, List<ClaimDocument> documents,
                                      boolean resubmitted, String addedBy) {
    }

    /**
     * A reviewer approved. {@code finalApproval} false: the first of two approvals (status
     * AWAITING_SECOND_APPROVAL).
     */
    @Revision("1")
    public record ClaimApproved(String claimId, String memberId, long approvedFen, long calculatedBenefitFen,
                                String adjustmentReason, String approvedBy, boolean finalApproval) {
    }

    @Revision("1")
    public record ClaimRejected(String claimId, String memberId, String reasonCode, String note, String rejectedBy) {
    }

    @Revision("1")
    public record ClaimReturned(String claimId, String memberId, List<DocumentKind> missingDocuments, String note,
                                String returnedBy) {
    }

    @Revision("1")
    public record ClaimAwaitingFunds(String claimId, String memberId, long approvedFen, String reason) {
    }

    @Revision("1")
    public record ClaimPayoutReserved(String claimId, String memberId, String fundId, String reservationId,
                                      long amountFen) {
    }

    @Revision("1")
    public record ClaimPaid(String claimId, String memberId, String fundId, String reservationId, long amountFen,
                            String paymentReference, LocalDate paidOn, String paidBy) {
    }

    /** The bank returned the payment; the claim waits for a new payment under {@code nextReservationId}. */
    @Revision("1")
    public record ClaimPaymentReturned(String claimId, String memberId, String fundId, String returnedReservationId,
                                       long amountFen, String bankReference, LocalDate returnedOn,
                                       String nextReservationId) {
    }

    @Revision("1")
    public record ClaimCancelled(String claimId, String memberId, String reason, String releasedReservationId,
                                 String cancelledBy) {
    }

    @Revision("1")
    public record ClaimKeyRegistered(String key, String claimId) {
    }
}
