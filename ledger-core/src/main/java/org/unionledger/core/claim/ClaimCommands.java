package org.unionledger.core.claim;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a claim. The acting principal comes from the command's metadata ("principal"), never
 * from the command itself, so the maker-checker rules cannot be talked around.
 */
public final class ClaimCommands {

    private ClaimCommands() {
    }

    /**
     * Submit a claim. The API looks up the plan's {@link BenefitRule} in the pool catalogue and sends
     * this after the coverage answered the eligibility check (same transaction), with the member's
     * remaining cap for the period.
     *
     * @param admissionDate  hospital admission (reimbursement plans)
     * @param dischargeDate  hospital discharge (reimbursement plans)
     * @param dateOfBirth    the child's date of birth (fixed-benefit plans: maternity)
     * @param remainingCapFen what is left of the member's cap for the period ({@link BenefitCalculator#UNCAPPED})
     */
    public record SubmitClaim(@TargetAggregateIdentifier String claimId, String poolId, String fundId,
                              String coverageId, String memberId, String orgId, String planCode, String periodId,
                              LocalDate admissionDate, LocalDate dischargeDate, LocalDate dateOfBirth,
                              ClaimCosts costs, String invoiceNumber, List<ClaimDocument> documents,
                              BenefitRule benefitRule, long remainingCapFen) {

        /** The date the coverage must be active on: admission or birth. */
        public LocalDate eventDate() {
            return dateOfBirth != null ? dateOfBirth : admissionDate;
        }
    }

    /** The member adds documents (after a return, this resubmits the claim for review). */
    public record AddClaimDocuments(@TargetAggregateIdentifier String claimId, List<ClaimDocument> documents) {
    }

    /**
     * A reviewer approves. {@code amountFen} null keeps the calculated benefit; another amount needs
     * a reason. Above {@code secondApprovalAboveFen} (configuration, passed by the API) a second,
     * different reviewer must approve as well. Answers an {@link ApprovalOutcome}.
     */
    public record ApproveClaim(@TargetAggregateIdentifier String claimId, Long amountFen, String adjustmentReason,
                               long secondApprovalAboveFen) {
    }

    /** What the API does next after an approval: nothing yet (first of two) or consume and reserve. */
    public record ApprovalOutcome(boolean finalApproval, long approvedFen, String coverageId, String fundId,
                                  String reservationId) {
    }

    /** A reviewer rejects the claim, with a reason code (e.g. NOT_COVERED_TREATMENT). */
    public record RejectClaim(@TargetAggregateIdentifier String claimId, String reasonCode, String note) {
    }

    /** A reviewer sends the claim back to the member for more documents. */
    public record ReturnClaim(@TargetAggregateIdentifier String claimId, List<DocumentKind> missingDocuments,
                              String note) {
    }

    /** The pool could not hold the payout: the approved claim waits for money. */
    public record MarkClaimAwaitingFunds(@TargetAggregateIdentifier String claimId, String reason) {
    }

    /**
     * The payout is held on the pool's fund under the claim's current reservation id. Answers the
     * {@link PayoutHold} to reserve on the fund in the same transaction (null if already reserved).
     */
    public record MarkClaimPayoutReserved(@TargetAggregateIdentifier String claimId) {
    }

    /** A payout on the pool's fund: which fund, under which reservation id, how much. */
    public record PayoutHold(String fundId, String reservationId, long amountFen) {
    }

    /** A finance officer paid the member (sent with DisburseReservation, same transaction). */
    public record RecordClaimPayment(@TargetAggregateIdentifier String claimId, String paymentReference,
                                     LocalDate paidOn) {
    }

    /**
     * The bank returned the payment (sent with ReturnPayment on the fund): the claim waits for a new
     * payment under a new reservation id, "claim:" + claimId + ":" + attempt.
     */
    public record RecordClaimPaymentReturned(@TargetAggregateIdentifier String claimId, String bankReference,
                                             LocalDate returnedOn) {
    }

    /** Cancel a claim that is not paid, rejected or cancelled. Answers a {@link CancellationOutcome}. */
    public record CancelClaim(@TargetAggregateIdentifier String claimId, String reason) {
    }

    /** What the API must undo: the reservation to release and whether a benefit was consumed. */
    public record CancellationOutcome(String fundId, String reservationIdToRelease, String coverageId,
                                      boolean benefitToRestore) {
    }

    /** Register a uniqueness key (invoice or birth) for a claim; a second registration is refused. */
    public record RegisterClaimKey(@TargetAggregateIdentifier String key, String claimId) {
    }
}
