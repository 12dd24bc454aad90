package org.unionledger.core.claim;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.claim.ClaimCommands.AddClaimDocuments;
import org.unionledger.core.claim.ClaimCommands.ApprovalOutcome;
import org.unionledger.core.claim.ClaimCommands.ApproveClaim;
import org.unionledger.core.claim.ClaimCommands.CancelClaim;
import org.unionledger.core.claim.ClaimCommands.CancellationOutcome;
import org.unionledger.core.claim.ClaimCommands.MarkClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimCommands.MarkClaimPayoutReserved;
import org.unionledger.core.claim.ClaimCommands.PayoutHold;
import org.unionledger.core.claim.ClaimCommands.RecordClaimPayment;
import org.unionledger.core.claim.ClaimCommands.RecordClaimPaymentReturned;
import org.unionledger.core.claim.ClaimCommands.RejectClaim;
import org.unionledger.core.claim.ClaimCommands.ReturnClaim;
import org.unionledger.core.claim.ClaimCommands.SubmitClaim;
import org.unionledger.core.claim.ClaimEvents.ClaimApproved;
import org.unionledger.core.claim.ClaimEvents.ClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimEvents.ClaimCancelled;
import org.unionledger.core.claim.ClaimEvents.ClaimDocumentsAdded;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimPaymentReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimPayoutReserved;
import org.unionledger.core.claim.ClaimEvents.ClaimRejected;
import org.unionledger.core.claim.ClaimEvents.ClaimReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * A member's claim for a benefit under one coverage: submitted with documents, reviewed under
 * maker-checker, paid in two phases from the pool's fund. The claim decides; the coverage (cap) and
 * the fund (money) are changed by commands the API sends in the same transaction.
 */
public class Claim {

    /** Documents per claim: an application, an ID card, a discharge summary, invoices, a few extra pages. */
    public static final int DOCUMENTS_MAX = 20;
    public static final int TEXT_LENGTH_MAX = 500;
    /** Payment attempts (a returned payment starts a new one); a limit against endless bank returns. */
    public static final int PAYMENT_ATTEMPTS_MAX = 5;

    @AggregateIdentifier
    private String claimId;
    private String memberId;
    private String fundId;
    private String coverageId;
    private String submittedBy;
    private ClaimStatus status;
    private long calculatedBenefitFen;
    private long approvedFen;
    private String firstApprover;
    private boolean benefitConsumed;
    private int paymentAttempt = 1;
    private int documentCount;

    protected Claim() {
    }

    @CommandHandler
    public Claim(SubmitClaim command, @MetaDataValue("principal") String principal) {
        ClaimIds.requireValidClaimId(command.claimId());
        Ids.requireValid("memberId", command.memberId());
        BusinessRuleViolation.require(command.benefitRule() != null, "BENEFIT_RULE_REQUIRED", "a plan's benefit rule is required");
        BusinessRuleViolation.require(command.costs() != null, "CLAIM_COSTS_REQUIRED", "the claim's costs are required");
        ClaimCosts costs = command.costs().validated();
        checkDates(command);
        ClaimIds.normalisedInvoiceNumber(command.invoiceNumber());
        List<ClaimDocument> documents = checkedDocuments(command.documents(), 0);
        BusinessRuleViolation.require(!documents.isEmpty(), "CLAIM_MUST_HAVE_DOCUMENTS",
                "a claim needs its documents (application form, ID card, discharge summary, invoice)");
        BenefitCalculator.Benefit benefit = BenefitCalculator.calculate(command.benefitRule(), costs,
                Math.max(0, command.remainingCapFen()));
        BusinessRuleViolation.require(benefit.benefitFen() > 0, "CLAIM_MUST_BE_WORTH_A_BENEFIT",
                "the plan pays nothing for these costs (deductible, rate or cap for the period)");
        apply(new ClaimSubmitted(command.claimId(), command.poolId(), command.fundId(), command.coverageId(),
                command.memberId(), command.orgId(), command.planCode(), command.periodId(), command.admissionDate(),
                command.dischargeDate(), command.dateOfBirth(), costs.totalCostFen(), costs.insideScopeFen(),
                costs.basicInsurancePaidFen(), command.invoiceNumber().strip(), documents, command.benefitRule(),
                benefit.benefitFen(), benefit.limitedBy(), actor(principal)));
    }

    private static void checkDates(SubmitClaim command) {
        if (command.benefitRule().isFixed()) {
            BusinessRuleViolation.require(command.dateOfBirth() != null, "DATE_OF_BIRTH_REQUIRED",
                    "a maternity claim needs the date of birth");
            return;
        }
        BusinessRuleViolation.require(command.admissionDate() != null && command.dischargeDate() != null,
                "ADMISSION_AND_DISCHARGE_DATES_REQUIRED", "a claim needs the admission and discharge dates");
        BusinessRuleViolation.require(!command.dischargeDate().isBefore(command.admissionDate()),
                "DISCHARGE_MUST_NOT_PRECEDE_ADMISSION", "discharge " + command.dischargeDate()
                        + " is before admission " + command.admissionDate());
    }

    private static List<ClaimDocument> checkedDocuments(List<ClaimDocument> documents, int alreadyAttached) {
        List<ClaimDocument> checked = new ArrayList<>();
        for (ClaimDocument document : documents == null ? List.<ClaimDocument>of() : documents) {
            BusinessRuleViolation.require(document != null, "DOCUMENT_REQUIRED", "a document entry is empty");
            checked.add(document.validated());
        }
        BusinessRuleViolation.require(alreadyAttached + checked.size() <= DOCUMENTS_MAX,
                "DOCUMENTS_MUST_NOT_EXCEED_LIMIT", "a claim has at most " + DOCUMENTS_MAX + " documents");
        return List.copyOf(checked);
    }

    @CommandHandler
    public void handle(AddClaimDocuments command, @MetaDataValue("principal") String principal) {
        BusinessRuleViolation.require(status == ClaimStatus.SUBMITTED || status == ClaimStatus.RETURNED,
                "CLAIM_MUST_ACCEPT_DOCUMENTS", "documents can be added while the claim is submitted or returned, not "
                        + status);
        List<ClaimDocument> documents = checkedDocuments(command.documents(), documentCount);
        BusinessRuleViolation.require(!documents.isEmpty(), "DOCUMENT_REQUIRED", "no documents to add");
        apply(new ClaimDocumentsAdded(claimId, memberId, documents, status == ClaimStatus.RETURNED, actor(principal)));
    }

    @CommandHandler
    public ApprovalOutcome handle(ApproveClaim command, @MetaDataValue("principal") String principal) {
        String reviewer = actor(principal);
        requireUnderReview();
        requireNotSubmitter(reviewer);
        if (status == ClaimStatus.AWAITING_SECOND_APPROVAL) {
            BusinessRuleViolation.require(!reviewer.equals(firstApprover), "SECOND_APPROVER_MUST_DIFFER",
                    "the second approval must come from another reviewer than " + firstApprover);
            BusinessRuleViolation.require(command.amountFen() == null || command.amountFen() == approvedFen,
                    "SECOND_APPROVAL_MUST_CONFIRM_AMOUNT", "the second approver confirms " + approvedFen
                            + " fen or rejects the claim");
            apply(new ClaimApproved(claimId, memberId, approvedFen, calculatedBenefitFen, null, reviewer, true));
            return outcome(true);
        }
        long amount = command.amountFen() == null ? calculatedBenefitFen : command.amountFen();
        BusinessRuleViolation.require(amount > 0, "APPROVED_AMOUNT_MUST_BE_POSITIVE", "an approval pays something; "
                + "reject the claim instead");
        BusinessRuleViolation.require(amount <= calculatedBenefitFen, "APPROVED_AMOUNT_MUST_NOT_EXCEED_BENEFIT",
                "the plan's rules allow at most " + calculatedBenefitFen + " fen for this claim");
        String reason = blankToNull(command.adjustmentReason());
        BusinessRuleViolation.require(amount == calculatedBenefitFen || reason != null, "ADJUSTMENT_NEEDS_REASON",
                "an approval of another amount than the calculated benefit needs a reason");
        requireShort(reason);
        boolean needsSecond = amount > command.secondApprovalAboveFen();
        apply(new ClaimApproved(claimId, memberId, amount, calculatedBenefitFen, reason, reviewer, !needsSecond));
        return outcome(!needsSecond);
    }

    private ApprovalOutcome outcome(boolean finalApproval) {
        return new ApprovalOutcome(finalApproval, approvedFen, coverageId, fundId,
                ClaimIds.reservationId(claimId, paymentAttempt));
    }

    @CommandHandler
    public void handle(RejectClaim command, @MetaDataValue("principal") String principal) {
        String reviewer = actor(principal);
        requireUnderReview();
        requireNotSubmitter(reviewer);
        BusinessRuleViolation.require(command.reasonCode() != null && command.reasonCode().matches("[A-Z0-9_]{1,60}"),
                "REJECTION_REASON_CODE_REQUIRED", "a rejection needs a reason code (capital letters, digits, _)");
        requireShort(command.note());
        apply(new ClaimRejected(claimId, memberId, command.reasonCode(), blankToNull(command.note()), reviewer));
    }

    @CommandHandler
    public void handle(ReturnClaim command, @MetaDataValue("principal") String principal) {
        String reviewer = actor(principal);
        BusinessRuleViolation.require(status == ClaimStatus.SUBMITTED, "CLAIM_MUST_BE_SUBMITTED",
                "only a submitted claim can be returned for documents; it is " + status);
        requireNotSubmitter(reviewer);
        BusinessRuleViolation.require(blankToNull(command.note()) != null
                || (command.missingDocuments() != null && !command.missingDocuments().isEmpty()),
                "RETURN_NEEDS_WHAT_IS_MISSING", "say which documents are missing or why");
        requireShort(command.note());
        apply(new ClaimReturned(claimId, memberId, command.missingDocuments() == null ? List.of()
                : List.copyOf(command.missingDocuments()), blankToNull(command.note()), reviewer));
    }

    @CommandHandler
    public void handle(MarkClaimAwaitingFunds command) {
        BusinessRuleViolation.require(status == ClaimStatus.APPROVED,
                "CLAIM_MUST_BE_APPROVED", "only a finally approved claim can wait for funds; it is " + status);
        apply(new ClaimAwaitingFunds(claimId, memberId, approvedFen, command.reason()));
    }

    @CommandHandler
    public PayoutHold handle(MarkClaimPayoutReserved command) {
        if (status == ClaimStatus.PAYOUT_RESERVED) {
            return null;
        }
        BusinessRuleViolation.require(status == ClaimStatus.AWAITING_FUNDS || status == ClaimStatus.APPROVED,
                "CLAIM_MUST_BE_APPROVED", "only an approved, unpaid claim gets a payout reserved; it is " + status);
        PayoutHold hold = new PayoutHold(fundId, ClaimIds.reservationId(claimId, paymentAttempt), approvedFen);
        apply(new ClaimPayoutReserved(claimId, memberId, fundId, hold.reservationId(), approvedFen));
        return hold;
    }

    @CommandHandler
    public PayoutHold handle(RecordClaimPayment command, @MetaDataValue("principal") String principal) {
        BusinessRuleViolation.require(status == ClaimStatus.PAYOUT_RESERVED,
                "CLAIM_PAYOUT_MUST_BE_RESERVED", "only a claim with its payout held can be paid; it is " + status);
        BusinessRuleViolation.require(blankToNull(command.paymentReference()) != null, "PAYMENT_REFERENCE_REQUIRED",
                "a payment needs the bank's payment reference");
        BusinessRuleViolation.require(command.paidOn() != null, "PAID_ON_REQUIRED", "paidOn is required");
        PayoutHold hold = new PayoutHold(fundId, ClaimIds.reservationId(claimId, paymentAttempt), approvedFen);
        apply(new ClaimPaid(claimId, memberId, fundId, hold.reservationId(), approvedFen,
                command.paymentReference().strip(), command.paidOn(), actor(principal)));
        return hold;
    }

    @CommandHandler
    public String handle(RecordClaimPaymentReturned command) {
        BusinessRuleViolation.require(status == ClaimStatus.PAID, "CLAIM_MUST_BE_PAID",
                "only a paid claim can have its payment returned; it is " + status);
        BusinessRuleViolation.require(command.returnedOn() != null, "RETURNED_ON_REQUIRED", "returnedOn is required");
        BusinessRuleViolation.require(paymentAttempt < PAYMENT_ATTEMPTS_MAX, "PAYMENT_ATTEMPTS_MUST_NOT_EXCEED_LIMIT",
                "after " + PAYMENT_ATTEMPTS_MAX + " returned payments the claim must be cancelled and resubmitted");
        String returned = ClaimIds.reservationId(claimId, paymentAttempt);
        String next = ClaimIds.reservationId(claimId, paymentAttempt + 1);
        apply(new ClaimPaymentReturned(claimId, memberId, fundId, returned, approvedFen, command.bankReference(),
                command.returnedOn(), next));
        return returned;
    }

    @CommandHandler
    public CancellationOutcome handle(CancelClaim command, @MetaDataValue("principal") String principal) {
        BusinessRuleViolation.require(status != ClaimStatus.PAID && status != ClaimStatus.REJECTED
                && status != ClaimStatus.CANCELLED, "CLAIM_MUST_BE_OPEN", "a " + status + " claim cannot be cancelled");
        requireShort(command.reason());
        String release = status == ClaimStatus.PAYOUT_RESERVED
                ? ClaimIds.reservationId(claimId, paymentAttempt) : null;
        CancellationOutcome outcome = new CancellationOutcome(fundId, release, coverageId, benefitConsumed);
        apply(new ClaimCancelled(claimId, memberId, blankToNull(command.reason()), release, actor(principal)));
        return outcome;
    }

    private void requireUnderReview() {
        BusinessRuleViolation.require(status.isUnderReview(), "CLAIM_MUST_BE_UNDER_REVIEW",
                "claim " + claimId + " is " + status + ", not waiting for a review");
    }

    private void requireNotSubmitter(String reviewer) {
        BusinessRuleViolation.require(!reviewer.equals(submittedBy) && !reviewer.equals(memberId),
                "SUBMITTER_MUST_NOT_REVIEW", "whoever submitted a claim (or claims for themselves) cannot review it");
    }

    private static String actor(String principal) {
        BusinessRuleViolation.require(principal != null && !principal.isBlank(), "PRINCIPAL_REQUIRED",
                "claims are changed by a signed-in person");
        return principal;
    }

    private static void requireShort(String text) {
        BusinessRuleViolation.require(text == null || text.length() <= TEXT_LENGTH_MAX, "TEXT_MUST_BE_SHORT",
                "reasons and notes have at most " + TEXT_LENGTH_MAX + " characters");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @EventSourcingHandler
    void on(ClaimSubmitted event) {
        claimId = event.claimId();
        memberId = event.memberId();
        fundId = event.fundId();
        coverageId = event.coverageId();
        submittedBy = event.submittedBy();
        calculatedBenefitFen = event.calculatedBenefitFen();
        documentCount = event.documents().size();
        status = ClaimStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ClaimDocumentsAdded event) {
        documentCount += event.documents().size();
        status = ClaimStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ClaimApproved event) {
        approvedFen = event.approvedFen();
        if (event.finalApproval()) {
            // Decided: the API consumes the benefit and holds the payout in the same transaction,
            // or records that the claim waits for funds.
            status = ClaimStatus.APPROVED;
            benefitConsumed = true;
        } else {
            status = ClaimStatus.AWAITING_SECOND_APPROVAL;
            firstApprover = event.approvedBy();
        }
    }

    @EventSourcingHandler
    void on(ClaimRejected event) {
        status = ClaimStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ClaimReturned event) {
        status = ClaimStatus.RETURNED;
        firstApprover = null;
    }

    @EventSourcingHandler
    void on(ClaimAwaitingFunds event) {
        status = ClaimStatus.AWAITING_FUNDS;
    }

    @EventSourcingHandler
    void on(ClaimPayoutReserved event) {
        status = ClaimStatus.PAYOUT_RESERVED;
    }

    @EventSourcingHandler
    void on(ClaimPaid event) {
        status = ClaimStatus.PAID;
    }

    @EventSourcingHandler
    void on(ClaimPaymentReturned event) {
        paymentAttempt++;
        status = ClaimStatus.AWAITING_FUNDS;
    }

    @EventSourcingHandler
    void on(ClaimCancelled event) {
        status = ClaimStatus.CANCELLED;
    }
}
