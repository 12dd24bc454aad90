package org.unionledger.core.claim;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.claim.ClaimCommands.AddClaimDocuments;
import org.unionledger.core.claim.ClaimCommands.ApprovalOutcome;
import org.unionledger.core.claim.ClaimCommands.ApproveClaim;
import org.unionledger.core.claim.ClaimCommands.CancelClaim;
import org.unionledger.core.claim.ClaimCommands.CancellationOutcome;
import org.unionledger.core.claim.ClaimCommands.MarkClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimCommands.MarkClaimPayoutReserved;
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

class ClaimTest {

    private static final String CLAIM = "claim-1";
    private static final String FUND = "city-pool-fund";
    private static final String COVERAGE = "cov:city-pool:INPATIENT:p4:m-1";
    private static final LocalDate ADMITTED = LocalDate.of(2018, 11, 2);
    private static final LocalDate DISCHARGED = LocalDate.of(2018, 11, 9);
    private static final BenefitRule INPATIENT = new BenefitRule(50_000, 5_000, 2_000_000, 0);
    private static final BenefitRule MATERNITY = new BenefitRule(0, 0, 0, 60_000);
    private static final ClaimDocument FORM = new ClaimDocument("a".repeat(64), DocumentKind.APPLICATION_FORM, 1200,
            "application/pdf");
    private static final ClaimDocument INVOICE = new ClaimDocument("b".repeat(64), DocumentKind.INVOICE, 800,
            "image/jpeg");
    /** 10,000 yuan inside the scope, 6,000 paid by basic insurance: (4,000 - 500) x 50% = 1,750 yuan. */
    private static final long BENEFIT_FEN = 175_000;
    private static final long SECOND_ABOVE_FEN = 500_000;

    private FixtureConfiguration<Claim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Claim.class);
    }

    private static MetaData as(String principal) {
        return MetaData.with("principal", principal);
    }

    private static SubmitClaim anInpatientClaim() {
        return anInpatientClaim(new ClaimCosts(1_200_000, 1_000_000, 600_000), List.of(FORM, INVOICE));
    }

    private static SubmitClaim anInpatientClaim(ClaimCosts costs, List<ClaimDocument> documents) {
        return new SubmitClaim(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "INPATIENT", "p4", ADMITTED,
                DISCHARGED, null, costs, "FP-2018-0001", documents, INPATIENT, BenefitCalculator.UNCAPPED);
    }

    private static ClaimSubmitted submitted(long benefitFen) {
        return new ClaimSubmitted(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "INPATIENT", "p4", ADMITTED,
                DISCHARGED, null, 1_200_000, 1_000_000, 600_000, "FP-2018-0001", List.of(FORM, INVOICE), INPATIENT,
                benefitFen, BenefitCalculator.LimitedBy.NONE, "clerk");
    }

    private static ClaimApproved finallyApproved(long amountFen) {
        return new ClaimApproved(CLAIM, "m-1", amountFen, amountFen, null, "reviewer", true);
    }

    private static ClaimPayoutReserved reserved(String reservationId, long amountFen) {
        return new ClaimPayoutReserved(CLAIM, "m-1", FUND, reservationId, amountFen);
    }

    private static ApproveClaim approve(Long amountFen, String reason) {
        return new ApproveClaim(CLAIM, amountFen, reason, SECOND_ABOVE_FEN);
    }

    // Submission

    @Test
    void submitsAClaimWithItsCalculatedBenefit() {
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(), as("clerk"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted(BENEFIT_FEN));
    }

    @Test
    void submitsAMaternityClaimForTheFixedBenefit() {
        SubmitClaim maternity = new SubmitClaim(CLAIM, "city-pool", FUND, "cov:city-pool:MATERNITY:p4:m-1", "m-1",
                "factory-7", "MATERNITY", "p4", null, null, LocalDate.of(2019, 1, 5), new ClaimCosts(0, 0, 0),
                "FP-9", List.of(FORM), MATERNITY, BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity()
                .when(maternity, as("m-1"))
                .expectEvents(new ClaimSubmitted(CLAIM, "city-pool", FUND, "cov:city-pool:MATERNITY:p4:m-1", "m-1",
                        "factory-7", "MATERNITY", "p4", null, null, LocalDate.of(2019, 1, 5), 0, 0, 0, "FP-9",
                        List.of(FORM), MATERNITY, 60_000, BenefitCalculator.LimitedBy.NONE, "m-1"));
    }

    @Test
    void refusesAMaternityClaimWithoutDateOfBirth() {
        SubmitClaim maternity = new SubmitClaim(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "MATERNITY",
                "p4", ADMITTED, DISCHARGED, null, new ClaimCosts(0, 0, 0), "FP-9", List.of(FORM), MATERNITY,
                BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity().when(maternity, as("m-1"))
                .expectException(BusinessRuleViolation.class)
                .expectException(ruleViolation("DATE_OF_BIRTH_REQUIRED"));
    }

    @Test
    void refusesDischargeBeforeAdmission() {
        SubmitClaim claim = new SubmitClaim(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "INPATIENT", "p4",
                DISCHARGED, ADMITTED, null, new ClaimCosts(1_200_000, 1_000_000, 600_000), "FP-1", List.of(FORM),
                INPATIENT, BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity().when(claim, as("clerk"))
                .expectException(ruleViolation("DISCHARGE_MUST_NOT_PRECEDE_ADMISSION"));
    }

    @Test
    void refusesMissingAdmissionDates() {
        SubmitClaim claim = new SubmitClaim(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "INPATIENT", "p4",
                null, null, null, new ClaimCosts(1_200_000, 1_000_000, 600_000), "FP-1", List.of(FORM), INPATIENT,
                BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity().when(claim, as("clerk"))
                .expectException(ruleViolation("ADMISSION_AND_DISCHARGE_DATES_REQUIRED"));
    }

    @Test
    void refusesInconsistentCosts() {
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(new ClaimCosts(100, 1_000_000, 600_000), List.of(FORM)), as("clerk"))
                .expectException(ruleViolation("CLAIM_COSTS_MUST_BE_CONSISTENT"));
    }

    @Test
    void refusesAClaimWithoutDocuments() {
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(new ClaimCosts(1_200_000, 1_000_000, 600_000), List.of()), as("clerk"))
                .expectException(ruleViolation("CLAIM_MUST_HAVE_DOCUMENTS"));
    }

    @Test
    void refusesMoreDocumentsThanTheLimit() {
        List<ClaimDocument> many = java.util.Collections.nCopies(Claim.DOCUMENTS_MAX + 1, FORM);
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(new ClaimCosts(1_200_000, 1_000_000, 600_000), many), as("clerk"))
                .expectException(ruleViolation("DOCUMENTS_MUST_NOT_EXCEED_LIMIT"));
    }

    @Test
    void refusesADocumentThatIsNotNamedBySha256() {
        ClaimDocument bad = new ClaimDocument("not-a-hash", DocumentKind.ID_CARD, 10, "image/png");
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(new ClaimCosts(1_200_000, 1_000_000, 600_000), List.of(bad)), as("clerk"))
                .expectException(ruleViolation("DOCUMENT_HASH_MUST_BE_SHA256"));
    }

    @Test
    void refusesAClaimWithoutInvoiceNumber() {
        SubmitClaim claim = new SubmitClaim(CLAIM, "city-pool", FUND, COVERAGE, "m-1", "factory-7", "INPATIENT", "p4",
                ADMITTED, DISCHARGED, null, new ClaimCosts(1_200_000, 1_000_000, 600_000), " - ", List.of(FORM),
                INPATIENT, BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity().when(claim, as("clerk"))
                .expectException(ruleViolation("INVOICE_NUMBER_REQUIRED"));
    }

    @Test
    void refusesAClaimWorthNothing() {
        fixture.givenNoPriorActivity()
                .when(anInpatientClaim(new ClaimCosts(1_200_000, 1_000_000, 990_000), List.of(FORM)), as("clerk"))
                .expectException(ruleViolation("CLAIM_MUST_BE_WORTH_A_BENEFIT"));
    }

    @Test
    void refusesAnOverlongClaimId() {
        SubmitClaim claim = new SubmitClaim("c".repeat(61), "city-pool", FUND, COVERAGE, "m-1", "factory-7",
                "INPATIENT", "p4", ADMITTED, DISCHARGED, null, new ClaimCosts(1_200_000, 1_000_000, 600_000), "FP-1",
                List.of(FORM), INPATIENT, BenefitCalculator.UNCAPPED);
        fixture.givenNoPriorActivity().when(claim, as("clerk"))
                .expectException(ruleViolation("CLAIM_ID_MUST_BE_SHORT"));
    }

    // Review

    @Test
    void approvesTheCalculatedBenefitFinallyBelowTheSecondApprovalAmount() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(null, null), as("reviewer"))
                .expectEvents(finallyApproved(BENEFIT_FEN))
                .expectResultMessagePayload(new ApprovalOutcome(true, BENEFIT_FEN, COVERAGE, FUND, "claim:" + CLAIM));
    }

    @Test
    void refusesTheSubmitterApprovingTheirOwnClaim() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(null, null), as("clerk"))
                .expectException(ruleViolation("SUBMITTER_MUST_NOT_REVIEW"))
                .expectNoEvents();
    }

    @Test
    void refusesTheMemberApprovingTheirOwnClaimSubmittedByStaff() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(null, null), as("m-1"))
                .expectException(ruleViolation("SUBMITTER_MUST_NOT_REVIEW"));
    }

    @Test
    void approvesAnAdjustedAmountWithAReason() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(100_000L, "one invoice line not covered"), as("reviewer"))
                .expectEvents(new ClaimApproved(CLAIM, "m-1", 100_000, BENEFIT_FEN, "one invoice line not covered",
                        "reviewer", true));
    }

    @Test
    void refusesAnAdjustmentWithoutReason() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(100_000L, " "), as("reviewer"))
                .expectException(ruleViolation("ADJUSTMENT_NEEDS_REASON"));
    }

    @Test
    void refusesAnApprovalAboveTheCalculatedBenefit() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(BENEFIT_FEN + 1, "generous"), as("reviewer"))
                .expectException(ruleViolation("APPROVED_AMOUNT_MUST_NOT_EXCEED_BENEFIT"));
    }

    @Test
    void refusesAnApprovalOfNothing() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(approve(0L, "nothing"), as("reviewer"))
                .expectException(ruleViolation("APPROVED_AMOUNT_MUST_BE_POSITIVE"));
    }

    @Test
    void needsASecondApprovalAboveTheConfiguredAmount() {
        fixture.given(submitted(600_000))
                .when(approve(null, null), as("reviewer"))
                .expectEvents(new ClaimApproved(CLAIM, "m-1", 600_000, 600_000, null, "reviewer", false))
                .expectResultMessagePayload(new ApprovalOutcome(false, 600_000, COVERAGE, FUND, "claim:" + CLAIM));
    }

    @Test
    void aSecondDifferentReviewerApprovesFinally() {
        fixture.given(submitted(600_000), new ClaimApproved(CLAIM, "m-1", 600_000, 600_000, null, "reviewer", false))
                .when(approve(null, null), as("reviewer2"))
                .expectEvents(new ClaimApproved(CLAIM, "m-1", 600_000, 600_000, null, "reviewer2", true));
    }

    @Test
    void refusesTheSameReviewerApprovingTwice() {
        fixture.given(submitted(600_000), new ClaimApproved(CLAIM, "m-1", 600_000, 600_000, null, "reviewer", false))
                .when(approve(null, null), as("reviewer"))
                .expectException(ruleViolation("SECOND_APPROVER_MUST_DIFFER"));
    }

    @Test
    void refusesASecondApprovalOfAnotherAmount() {
        fixture.given(submitted(600_000), new ClaimApproved(CLAIM, "m-1", 600_000, 600_000, null, "reviewer", false))
                .when(approve(500_000L, "less"), as("reviewer2"))
                .expectException(ruleViolation("SECOND_APPROVAL_MUST_CONFIRM_AMOUNT"));
    }

    @Test
    void refusesReviewingAClaimNoLongerUnderReview() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN))
                .when(approve(null, null), as("reviewer2"))
                .expectException(ruleViolation("CLAIM_MUST_BE_UNDER_REVIEW"));
    }

    @Test
    void rejectsWithAReasonCode() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new RejectClaim(CLAIM, "TREATMENT_NOT_COVERED", "cosmetic"), as("reviewer"))
                .expectEvents(new ClaimRejected(CLAIM, "m-1", "TREATMENT_NOT_COVERED", "cosmetic", "reviewer"));
    }

    @Test
    void refusesARejectionWithoutReasonCode() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new RejectClaim(CLAIM, "not a code", null), as("reviewer"))
                .expectException(ruleViolation("REJECTION_REASON_CODE_REQUIRED"));
    }

    @Test
    void refusesTheSubmitterRejecting() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new RejectClaim(CLAIM, "DUPLICATE", null), as("clerk"))
                .expectException(ruleViolation("SUBMITTER_MUST_NOT_REVIEW"));
    }

    @Test
    void returnsForMissingDocumentsAndIsResubmittedWithThem() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new ReturnClaim(CLAIM, List.of(DocumentKind.DISCHARGE_SUMMARY), null), as("reviewer"))
                .expectEvents(new ClaimReturned(CLAIM, "m-1", List.of(DocumentKind.DISCHARGE_SUMMARY), null,
                        "reviewer"));
        ClaimDocument summary = new ClaimDocument("c".repeat(64), DocumentKind.DISCHARGE_SUMMARY, 99, "image/png");
        fixture.given(submitted(BENEFIT_FEN), new ClaimReturned(CLAIM, "m-1", List.of(), "summary", "reviewer"))
                .when(new AddClaimDocuments(CLAIM, List.of(summary)), as("m-1"))
                .expectEvents(new ClaimDocumentsAdded(CLAIM, "m-1", List.of(summary), true, "m-1"));
    }

    @Test
    void refusesAReturnThatSaysNothingMissing() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new ReturnClaim(CLAIM, List.of(), " "), as("reviewer"))
                .expectException(ruleViolation("RETURN_NEEDS_WHAT_IS_MISSING"));
    }

    @Test
    void refusesApprovingAReturnedClaim() {
        fixture.given(submitted(BENEFIT_FEN), new ClaimReturned(CLAIM, "m-1", List.of(), "summary", "reviewer"))
                .when(approve(null, null), as("reviewer"))
                .expectException(ruleViolation("CLAIM_MUST_BE_UNDER_REVIEW"));
    }

    @Test
    void refusesDocumentsForAnApprovedClaim() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new AddClaimDocuments(CLAIM, List.of(FORM)), as("m-1"))
                .expectException(ruleViolation("CLAIM_MUST_ACCEPT_DOCUMENTS"));
    }

    // Payout

    @Test
    void recordsThePayoutHeldAfterTheFinalApproval() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN))
                .when(new MarkClaimPayoutReserved(CLAIM))
                .expectEvents(reserved("claim:" + CLAIM, BENEFIT_FEN));
    }

    @Test
    void waitsForFundsWhenThePoolCannotHoldThePayoutAndIsReservedLater() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN))
                .when(new MarkClaimAwaitingFunds(CLAIM, "BALANCE_MUST_COVER_RESERVATION"))
                .expectEvents(new ClaimAwaitingFunds(CLAIM, "m-1", BENEFIT_FEN, "BALANCE_MUST_COVER_RESERVATION"));
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN),
                        new ClaimAwaitingFunds(CLAIM, "m-1", BENEFIT_FEN, "BALANCE_MUST_COVER_RESERVATION"))
                .when(new MarkClaimPayoutReserved(CLAIM))
                .expectEvents(reserved("claim:" + CLAIM, BENEFIT_FEN));
    }

    @Test
    void refusesToReserveAPayoutForAClaimUnderReview() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new MarkClaimPayoutReserved(CLAIM))
                .expectException(ruleViolation("CLAIM_MUST_BE_APPROVED"));
        fixture.given(submitted(BENEFIT_FEN))
                .when(new MarkClaimAwaitingFunds(CLAIM, "x"))
                .expectException(ruleViolation("CLAIM_MUST_BE_APPROVED"));
    }

    @Test
    void aReservedPayoutIsNotReservedTwice() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new MarkClaimPayoutReserved(CLAIM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void paysAReservedPayoutWithThePaymentReference() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new RecordClaimPayment(CLAIM, "BANK-77", ADMITTED.plusDays(20)), as("finance"))
                .expectEvents(new ClaimPaid(CLAIM, "m-1", FUND, "claim:" + CLAIM, BENEFIT_FEN, "BANK-77",
                        ADMITTED.plusDays(20), "finance"));
    }

    @Test
    void refusesPayingAClaimAwaitingFunds() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN),
                        new ClaimAwaitingFunds(CLAIM, "m-1", BENEFIT_FEN, "no money"))
                .when(new RecordClaimPayment(CLAIM, "BANK-77", ADMITTED), as("finance"))
                .expectException(ruleViolation("CLAIM_PAYOUT_MUST_BE_RESERVED"));
    }

    @Test
    void refusesAPaymentWithoutReference() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new RecordClaimPayment(CLAIM, " ", ADMITTED), as("finance"))
                .expectException(ruleViolation("PAYMENT_REFERENCE_REQUIRED"));
    }

    @Test
    void aReturnedPaymentReopensTheClaimForANewReservation() {
        ClaimPaid paid = new ClaimPaid(CLAIM, "m-1", FUND, "claim:" + CLAIM, BENEFIT_FEN, "BANK-77", ADMITTED, "finance");
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN),
                        paid)
                .when(new RecordClaimPaymentReturned(CLAIM, "RET-1", ADMITTED.plusDays(3)))
                .expectEvents(new ClaimPaymentReturned(CLAIM, "m-1", FUND, "claim:" + CLAIM, BENEFIT_FEN, "RET-1",
                        ADMITTED.plusDays(3), "claim:" + CLAIM + ":2"));
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN),
                        paid, new ClaimPaymentReturned(CLAIM, "m-1", FUND, "claim:" + CLAIM, BENEFIT_FEN, "RET-1",
                                ADMITTED, "claim:" + CLAIM + ":2"))
                .when(new MarkClaimPayoutReserved(CLAIM))
                .expectEvents(reserved("claim:" + CLAIM + ":2", BENEFIT_FEN));
    }

    @Test
    void refusesAReturnOfAnUnpaidClaim() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new RecordClaimPaymentReturned(CLAIM, "RET-1", ADMITTED))
                .expectException(ruleViolation("CLAIM_MUST_BE_PAID"));
    }

    @Test
    void cancellingAReservedClaimReleasesTheReservationAndTheBenefit() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN))
                .when(new CancelClaim(CLAIM, "member withdrew"), as("reviewer"))
                .expectEvents(new ClaimCancelled(CLAIM, "m-1", "member withdrew", "claim:" + CLAIM, "reviewer"))
                .expectResultMessagePayload(new CancellationOutcome(FUND, "claim:" + CLAIM, COVERAGE, true));
    }

    @Test
    void cancellingASubmittedClaimReleasesNothing() {
        fixture.given(submitted(BENEFIT_FEN))
                .when(new CancelClaim(CLAIM, null), as("m-1"))
                .expectEvents(new ClaimCancelled(CLAIM, "m-1", null, null, "m-1"))
                .expectResultMessagePayload(new CancellationOutcome(FUND, null, COVERAGE, false));
    }

    @Test
    void refusesCancellingAPaidClaim() {
        fixture.given(submitted(BENEFIT_FEN), finallyApproved(BENEFIT_FEN), reserved("claim:" + CLAIM, BENEFIT_FEN),
                        new ClaimPaid(CLAIM, "m-1", FUND, "claim:" + CLAIM, BENEFIT_FEN, "B", ADMITTED, "finance"))
                .when(new CancelClaim(CLAIM, null), as("m-1"))
                .expectException(ruleViolation("CLAIM_MUST_BE_OPEN"));
    }
}
