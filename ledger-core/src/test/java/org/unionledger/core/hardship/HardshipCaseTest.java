package org.unionledger.core.hardship;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.hardship.HardshipCommands.ApproveGrant;
import org.unionledger.core.hardship.HardshipCommands.ExitHardship;
import org.unionledger.core.hardship.HardshipCommands.FlagDeepHardship;
import org.unionledger.core.hardship.HardshipCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipCommands.ProposeGrant;
import org.unionledger.core.hardship.HardshipCommands.RecordAnnualReview;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantPaid;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantReserved;
import org.unionledger.core.hardship.HardshipCommands.RecordVerificationCheck;
import org.unionledger.core.hardship.HardshipCommands.ReenterHardship;
import org.unionledger.core.hardship.HardshipCommands.RegisterHardshipCase;
import org.unionledger.core.hardship.HardshipCommands.RejectGrant;
import org.unionledger.core.hardship.HardshipCommands.RetryGrantReservation;
import org.unionledger.core.hardship.HardshipEvents.AnnualReviewRecorded;
import org.unionledger.core.hardship.HardshipEvents.DeepHardshipFlagged;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.GrantRejected;
import org.unionledger.core.hardship.HardshipEvents.GrantReservationRetried;
import org.unionledger.core.hardship.HardshipEvents.GrantReserved;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseVerified;
import org.unionledger.core.hardship.HardshipEvents.HardshipExited;
import org.unionledger.core.hardship.HardshipEvents.HardshipReentered;
import org.unionledger.core.hardship.HardshipEvents.VerificationCheckRecorded;

class HardshipCaseTest {

    private static final String CASE = "hh-1";
    private static final String FUND = "city-hardship";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final List<String> CHECKS = List.of("CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY");
    private static final Map<AssistanceType, Long> CAPS = Map.of(AssistanceType.LIVING_ALLOWANCE, 500_000L);
    private static final MetaData WORKER = MetaData.with("principal", "caseworker");
    private static final MetaData SECOND_WORKER = MetaData.with("principal", "caseworker2");

    private FixtureConfiguration<HardshipCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HardshipCase.class);
    }

    // Fixtures: a household's life in events.

    private static RegisterHardshipCase aRegistration() {
        return new RegisterHardshipCase(CASE, "m-7", "city", 4, 45_000,
                Set.of(HardshipCause.UNEMPLOYMENT, HardshipCause.SERIOUS_ILLNESS), CHECKS, CAPS, TODAY);
    }

    private static HardshipCaseRegistered registered() {
        return new HardshipCaseRegistered(CASE, "m-7", "city", 4, 45_000,
                List.of(HardshipCause.SERIOUS_ILLNESS, HardshipCause.UNEMPLOYMENT), CHECKS, CAPS, "caseworker", TODAY);
    }

    private static VerificationCheckRecorded passed(String department) {
        return new VerificationCheckRecorded(CASE, "city", department, true, null, "caseworker", TODAY);
    }

    private static Object[] aVerifiedCase() {
        return new Object[] {registered(), passed("CIVIL_AFFAIRS"), passed("HOUSING"), passed("PUBLIC_SECURITY"),
                new HardshipCaseVerified(CASE, "city", TODAY)};
    }

    private static Object[] with(Object[] history, Object... more) {
        Object[] all = java.util.Arrays.copyOf(history, history.length + more.length);
        System.arraycopy(more, 0, all, history.length, more.length);
        return all;
    }

    private static ProposeGrant aLivingAllowance(String grantId, long amountFen) {
        return new ProposeGrant(CASE, grantId, FUND, FundType.HARDSHIP, AssistanceType.LIVING_ALLOWANCE, amountFen,
                null, null, null, TODAY);
    }

    private static GrantProposed proposedAllowance(String grantId, long amountFen) {
        return new GrantProposed(CASE, "city", grantId, FUND, AssistanceType.LIVING_ALLOWANCE, amountFen, null, null,
                null, 2026, "caseworker", TODAY);
    }

    private static GrantApproved approvedAllowance(String grantId, long amountFen) {
        return new GrantApproved(CASE, "city", grantId, FUND, AssistanceType.LIVING_ALLOWANCE, amountFen, 2026,
                "hardship-grant:" + CASE + ":" + grantId, CASE + "/" + grantId, "caseworker2", TODAY);
    }

    private static HardshipExited exited() {
        return new HardshipExited(CASE, "city", ExitReason.EMPLOYMENT_FOUND, "found work", "caseworker", TODAY);
    }

    // Registration

    @Test
    void registersAHousehold() {
        fixture.givenNoPriorActivity()
                .when(aRegistration(), WORKER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void refusesAHouseholdWithoutCause() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHardshipCase(CASE, "m-7", "city", 4, 45_000, Set.of(), CHECKS, CAPS, TODAY), WORKER)
                .expectException(ruleViolation("CAUSE_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesAnEmptyHousehold() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHardshipCase(CASE, "m-7", "city", 0, 45_000, Set.of(HardshipCause.DISASTER), CHECKS,
                        CAPS, TODAY), WORKER)
                .expectException(ruleViolation("HOUSEHOLD_SIZE_MUST_BE_POSITIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesANegativeIncome() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHardshipCase(CASE, "m-7", "city", 3, -1, Set.of(HardshipCause.DISASTER), CHECKS,
                        CAPS, TODAY), WORKER)
                .expectException(ruleViolation("INCOME_MUST_NOT_BE_NEGATIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesARegistrationWithoutConfiguredChecks() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHardshipCase(CASE, "m-7", "city", 3, 0, Set.of(HardshipCause.DISASTER), List.of(),
                        CAPS, TODAY), WORKER)
                .expectException(ruleViolation("REQUIRED_CHECKS_MUST_BE_CONFIGURED"))
                .expectNoEvents();
    }

    @Test
    void refusesARegistrationWithoutPrincipal() {
        fixture.givenNoPriorActivity()
                .when(aRegistration())
                .expectException(ruleViolation("PRINCIPAL_REQUIRED"))
                .expectNoEvents();
    }

    // Verification

    @Test
    void recordsACheckWithWhoAndWhen() {
        fixture.given(registered())
                .when(new RecordVerificationCheck(CASE, "HOUSING", true, null, TODAY), SECOND_WORKER)
                .expectEvents(new VerificationCheckRecorded(CASE, "city", "HOUSING", true, null, "caseworker2", TODAY));
    }

    @Test
    void isVerifiedWhenTheLastRequiredCheckPasses() {
        fixture.given(registered(), passed("CIVIL_AFFAIRS"), passed("HOUSING"))
                .when(new RecordVerificationCheck(CASE, "PUBLIC_SECURITY", true, "no record", TODAY), WORKER)
                .expectEvents(new VerificationCheckRecorded(CASE, "city", "PUBLIC_SECURITY", true, "no record",
                                "caseworker", TODAY),
                        new HardshipCaseVerified(CASE, "city", TODAY));
    }

    @Test
    void aFailedCheckKeepsTheCaseUnverifiedUntilItPassesAgain() {
        var failedHousing = new VerificationCheckRecorded(CASE, "city", "HOUSING", false, "owns two flats",
                "caseworker", TODAY);
        fixture.given(registered(), passed("CIVIL_AFFAIRS"), failedHousing)
                .when(new RecordVerificationCheck(CASE, "PUBLIC_SECURITY", true, null, TODAY), WORKER)
                .expectEvents(new VerificationCheckRecorded(CASE, "city", "PUBLIC_SECURITY", true, null, "caseworker",
                        TODAY));
        fixture.given(registered(), passed("CIVIL_AFFAIRS"), failedHousing, passed("PUBLIC_SECURITY"))
                .when(new RecordVerificationCheck(CASE, "HOUSING", true, "rechecked", TODAY), WORKER)
                .expectEvents(new VerificationCheckRecorded(CASE, "city", "HOUSING", true, "rechecked", "caseworker",
                        TODAY), new HardshipCaseVerified(CASE, "city", TODAY));
    }

    @Test
    void refusesACheckByADepartmentThatIsNotRequired() {
        fixture.given(registered())
                .when(new RecordVerificationCheck(CASE, "TAX_BUREAU", true, null, TODAY), WORKER)
                .expectException(ruleViolation("CHECK_DEPARTMENT_MUST_BE_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesAFailedCheckWithoutNote() {
        fixture.given(registered())
                .when(new RecordVerificationCheck(CASE, "HOUSING", false, " ", TODAY), WORKER)
                .expectException(ruleViolation("FAILED_CHECK_NEEDS_NOTE"))
                .expectNoEvents();
    }

    @Test
    void refusesACheckOnAVerifiedCase() {
        fixture.given(aVerifiedCase())
                .when(new RecordVerificationCheck(CASE, "HOUSING", true, null, TODAY), WORKER)
                .expectException(ruleViolation("CASE_MUST_AWAIT_VERIFICATION"))
                .expectNoEvents();
    }

    // Deep hardship, review, exit, re-entry

    @Test
    void flagsDeepHardshipWithItsCertificate() {
        fixture.given(aVerifiedCase())
                .when(new FlagDeepHardship(CASE, " KN-2026-0042 ", TODAY), WORKER)
                .expectEvents(new DeepHardshipFlagged(CASE, "city", "KN-2026-0042", "caseworker", TODAY));
    }

    @Test
    void refusesDeepHardshipWithoutCertificate() {
        fixture.given(aVerifiedCase())
                .when(new FlagDeepHardship(CASE, "", TODAY), WORKER)
                .expectException(ruleViolation("CERTIFICATE_NUMBER_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void recordsOneAnnualReviewPerYear() {
        var review = new AnnualReviewRecorded(CASE, "city", 2026, 4, 52_000, "income rising", "caseworker", TODAY);
        fixture.given(aVerifiedCase())
                .when(new RecordAnnualReview(CASE, 2026, 4, 52_000, "income rising", TODAY), WORKER)
                .expectEvents(review);
        fixture.given(with(aVerifiedCase(), review))
                .when(new RecordAnnualReview(CASE, 2026, 4, 52_000, "again", TODAY), WORKER)
                .expectException(ruleViolation("REVIEW_YEAR_ALREADY_RECORDED"))
                .expectNoEvents();
    }

    @Test
    void exitsHardshipWithAReason() {
        fixture.given(aVerifiedCase())
                .when(new ExitHardship(CASE, ExitReason.EMPLOYMENT_FOUND, "found work", TODAY), WORKER)
                .expectEvents(exited());
    }

    @Test
    void refusesAnExitWithoutReason() {
        fixture.given(aVerifiedCase())
                .when(new ExitHardship(CASE, null, "?", TODAY), WORKER)
                .expectException(ruleViolation("EXIT_REASON_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesToExitTwiceOrReviewAnExitedCase() {
        fixture.given(with(aVerifiedCase(), exited()))
                .when(new ExitHardship(CASE, ExitReason.OTHER, null, TODAY), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_ACTIVE"))
                .expectNoEvents();
        fixture.given(with(aVerifiedCase(), exited()))
                .when(new RecordAnnualReview(CASE, 2026, 4, 52_000, null, TODAY), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_ACTIVE"))
                .expectNoEvents();
    }

    @Test
    void reEntryStartsVerificationAgain() {
        var reentered = new HardshipReentered(CASE, "city", List.of(HardshipCause.ACCIDENT), CHECKS, "accident",
                "caseworker", TODAY);
        fixture.given(with(aVerifiedCase(), exited()))
                .when(new ReenterHardship(CASE, Set.of(HardshipCause.ACCIDENT), CHECKS, "accident", TODAY), WORKER)
                .expectEvents(reentered);
        fixture.given(with(aVerifiedCase(), exited(), reentered))
                .when(aLivingAllowance("g-1", 10_000), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_VERIFIED"))
                .expectNoEvents();
    }

    @Test
    void refusesReEntryOfAnActiveCase() {
        fixture.given(aVerifiedCase())
                .when(new ReenterHardship(CASE, Set.of(HardshipCause.ACCIDENT), CHECKS, null, TODAY), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_EXITED"))
                .expectNoEvents();
    }

    // Grants: proposal

    @Test
    void proposesACashGrant() {
        fixture.given(aVerifiedCase())
                .when(aLivingAllowance("g-1", 80_000), WORKER)
                .expectResultMessagePayload("g-1")
                .expectEvents(proposedAllowance("g-1", 80_000));
    }

    @Test
    void refusesAGrantFromAFundThatIsNotAHardshipFund() {
        for (FundType other : List.of(FundType.GENERAL, FundType.MUTUAL_AID_POOL, FundType.SUBSIDY)) {
            fixture.given(aVerifiedCase())
                    .when(new ProposeGrant(CASE, "g-1", "city-general", other, AssistanceType.LIVING_ALLOWANCE,
                            80_000, null, null, null, TODAY), WORKER)
                    .expectException(ruleViolation("FUND_MUST_BE_HARDSHIP_FUND"))
                    .expectNoEvents();
        }
    }

    @Test
    void refusesAGrantFromAFundOfUnknownType() {
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, null, AssistanceType.LIVING_ALLOWANCE, 80_000, null, null,
                        null, TODAY), WORKER)
                .expectException(ruleViolation("FUND_MUST_BE_HARDSHIP_FUND"))
                .expectNoEvents();
    }

    @Test
    void refusesAGrantToAnUnverifiedCase() {
        fixture.given(registered(), passed("CIVIL_AFFAIRS"))
                .when(aLivingAllowance("g-1", 80_000), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_VERIFIED"))
                .expectNoEvents();
    }

    @Test
    void refusesAGrantToAnExitedCase() {
        fixture.given(with(aVerifiedCase(), exited()))
                .when(aLivingAllowance("g-1", 80_000), WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_ACTIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesAGrantIdUsedBefore() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(aLivingAllowance("g-1", 80_000), WORKER)
                .expectException(ruleViolation("GRANT_ID_REUSED"))
                .expectNoEvents();
    }

    @Test
    void refusesAZeroGrant() {
        fixture.given(aVerifiedCase())
                .when(aLivingAllowance("g-1", 0), WORKER)
                .expectException(ruleViolation("AMOUNT_MUST_BE_POSITIVE"))
                .expectNoEvents();
    }

    @Test
    void anEducationGrantNamesTheChild() {
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.EDUCATION_GRANT, 250_000,
                        null, "child-1", "tuition", TODAY), WORKER)
                .expectEvents(new GrantProposed(CASE, "city", "g-1", FUND, AssistanceType.EDUCATION_GRANT, 250_000,
                        null, "child-1", "tuition", 2026, "caseworker", TODAY));
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.EDUCATION_GRANT, 250_000,
                        null, null, "tuition", TODAY), WORKER)
                .expectException(ruleViolation("ID_MUST_BE_WELL_FORMED"))
                .expectNoEvents();
    }

    @Test
    void festivalGoodsAreValuedAtQuantityTimesUnitValue() {
        var goods = new InKindGoods("rice, 10 kg", 3, 8_000);
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.FESTIVAL_CONDOLENCE, 0,
                        goods, null, null, TODAY), WORKER)
                .expectEvents(new GrantProposed(CASE, "city", "g-1", FUND, AssistanceType.FESTIVAL_CONDOLENCE, 24_000,
                        goods, null, null, 2026, "caseworker", TODAY));
    }

    @Test
    void refusesGoodsForACashOnlyTypeAndCashPlusGoods() {
        var goods = new InKindGoods("rice", 1, 8_000);
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.MEDICAL_AID, 0, goods, null,
                        null, TODAY), WORKER)
                .expectException(ruleViolation("GOODS_ONLY_FOR_IN_KIND_OR_FESTIVAL"))
                .expectNoEvents();
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.FESTIVAL_CONDOLENCE, 100,
                        goods, null, null, TODAY), WORKER)
                .expectException(ruleViolation("GRANT_MUST_BE_CASH_OR_GOODS"))
                .expectNoEvents();
    }

    @Test
    void refusesAnInKindGrantWithoutGoodsOrWithUncountedGoods() {
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.IN_KIND_GOODS, 5_000, null,
                        null, null, TODAY), WORKER)
                .expectException(ruleViolation("IN_KIND_GRANT_NEEDS_GOODS"))
                .expectNoEvents();
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.IN_KIND_GOODS, 0,
                        new InKindGoods("oil", 0, 5_000), null, null, TODAY), WORKER)
                .expectException(ruleViolation("GOODS_QUANTITY_MUST_BE_POSITIVE"))
                .expectNoEvents();
        fixture.given(aVerifiedCase())
                .when(new ProposeGrant(CASE, "g-1", FUND, FundType.HARDSHIP, AssistanceType.IN_KIND_GOODS, 0,
                        new InKindGoods(" ", 2, 5_000), null, null, TODAY), WORKER)
                .expectException(ruleViolation("GOODS_DESCRIPTION_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesAProposalBeyondTheYearlyCap() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 400_000), approvedAllowance("g-1", 400_000)))
                .when(aLivingAllowance("g-2", 100_001), WORKER)
                .expectException(ruleViolation("YEARLY_CAP_MUST_NOT_BE_EXCEEDED"))
                .expectNoEvents();
    }

    @Test
    void theCapIsPerYearAndPerType() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 400_000), approvedAllowance("g-1", 400_000)))
                .when(new ProposeGrant(CASE, "g-2", FUND, FundType.HARDSHIP, AssistanceType.LIVING_ALLOWANCE, 400_000,
                        null, null, null, LocalDate.of(2027, 1, 5)), WORKER)
                .expectSuccessfulHandlerExecution();
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 400_000), approvedAllowance("g-1", 400_000)))
                .when(new ProposeGrant(CASE, "g-2", FUND, FundType.HARDSHIP, AssistanceType.MEDICAL_AID, 900_000, null,
                        null, null, TODAY), WORKER)
                .expectSuccessfulHandlerExecution();
    }

    // Grants: approval (maker-checker) and money

    @Test
    void anotherPersonApprovesTheGrant() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new ApproveGrant(CASE, "g-1", TODAY), SECOND_WORKER)
                .expectEvents(approvedAllowance("g-1", 80_000));
    }

    @Test
    void refusesApprovalByTheProposer() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new ApproveGrant(CASE, "g-1", TODAY), WORKER)
                .expectException(ruleViolation("APPROVER_MUST_DIFFER_FROM_PROPOSER"))
                .expectNoEvents();
    }

    @Test
    void anApprovalWithoutAKnownPrincipalIsRefusedByTheAggregateWhateverTheController() {
        // Maker-checker lives here, not in a controller: a caller that forgot to send the principal
        // (or sent a blank one) cannot slip an approval past the rule.
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new ApproveGrant(CASE, "g-1", TODAY))
                .expectException(ruleViolation("PRINCIPAL_REQUIRED"))
                .expectNoEvents();
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new ApproveGrant(CASE, "g-1", TODAY), MetaData.with("principal", " "))
                .expectException(ruleViolation("PRINCIPAL_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void anotherPersonRejectsTheGrantWithAReason() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new RejectGrant(CASE, "g-1", "income above threshold", TODAY), SECOND_WORKER)
                .expectEvents(new GrantRejected(CASE, "city", "g-1", "income above threshold", "caseworker2", TODAY));
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000),
                        new GrantRejected(CASE, "city", "g-1", "no", "caseworker2", TODAY)))
                .when(new ApproveGrant(CASE, "g-1", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("GRANT_MUST_BE_PROPOSED"))
                .expectNoEvents();
    }

    @Test
    void refusesARejectionByTheProposerOrWithoutReason() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new RejectGrant(CASE, "g-1", "changed my mind", TODAY), WORKER)
                .expectException(ruleViolation("APPROVER_MUST_DIFFER_FROM_PROPOSER"))
                .expectNoEvents();
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new RejectGrant(CASE, "g-1", " ", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("REJECTION_REASON_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesApprovingTwiceOrAnUnknownGrant() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000)))
                .when(new ApproveGrant(CASE, "g-1", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("GRANT_MUST_BE_PROPOSED"))
                .expectNoEvents();
        fixture.given(aVerifiedCase())
                .when(new ApproveGrant(CASE, "g-9", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("GRANT_MUST_EXIST"))
                .expectNoEvents();
    }

    @Test
    void refusesApprovalOnceTheCaseHasExited() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), exited()))
                .when(new ApproveGrant(CASE, "g-1", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("CASE_MUST_BE_ACTIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesApprovalThatWouldExceedTheCap() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 300_000), proposedAllowance("g-2", 300_000),
                        approvedAllowance("g-1", 300_000)))
                .when(new ApproveGrant(CASE, "g-2", TODAY), SECOND_WORKER)
                .expectException(ruleViolation("YEARLY_CAP_MUST_NOT_BE_EXCEEDED"))
                .expectNoEvents();
    }

    @Test
    void aGrantTheFundCannotCoverAwaitsFundsAndCanBeRetried() {
        var awaiting = new GrantAwaitingFunds(CASE, "city", "g-1", FUND, 80_000, "BALANCE_MUST_COVER_RESERVATION",
                "short");
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000)))
                .when(new MarkGrantAwaitingFunds(CASE, "g-1", "BALANCE_MUST_COVER_RESERVATION", "short"))
                .expectEvents(awaiting);
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000),
                        awaiting))
                .when(new RetryGrantReservation(CASE, "g-1"), WORKER)
                .expectEvents(new GrantReservationRetried(CASE, "city", "g-1", FUND, 80_000,
                        "hardship-grant:" + CASE + ":g-1", CASE + "/g-1"));
    }

    @Test
    void refusesToRetryAGrantThatIsNotAwaitingFunds() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000)))
                .when(new RetryGrantReservation(CASE, "g-1"), WORKER)
                .expectException(ruleViolation("GRANT_MUST_AWAIT_FUNDS"))
                .expectNoEvents();
    }

    @Test
    void recordsTheReservationAndThePaymentOnce() {
        var reserved = new GrantReserved(CASE, "city", "g-1", FUND, "hardship-grant:" + CASE + ":g-1");
        var paid = new GrantPaid(CASE, "city", "g-1", FUND, AssistanceType.LIVING_ALLOWANCE, 80_000, "BANK-9", TODAY);
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000)))
                .when(new RecordGrantReserved(CASE, "g-1", FUND, "hardship-grant:" + CASE + ":g-1"))
                .expectEvents(reserved);
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000),
                        reserved))
                .when(new RecordGrantPaid(CASE, "g-1", FUND, "BANK-9", TODAY))
                .expectEvents(paid);
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000), approvedAllowance("g-1", 80_000),
                        reserved, paid))
                .when(new RecordGrantPaid(CASE, "g-1", FUND, "BANK-9", TODAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToRecordPaymentOfAnUnapprovedGrant() {
        fixture.given(with(aVerifiedCase(), proposedAllowance("g-1", 80_000)))
                .when(new RecordGrantPaid(CASE, "g-1", FUND, "BANK-9", TODAY))
                .expectException(ruleViolation("GRANT_MUST_BE_APPROVED"))
                .expectNoEvents();
    }
}
