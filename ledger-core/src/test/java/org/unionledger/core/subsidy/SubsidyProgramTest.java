package org.unionledger.core.subsidy;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.subsidy.SubsidyCommands.ApplyForSubsidy;
import org.unionledger.core.subsidy.SubsidyCommands.ApproveSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyCommands.LaunchSubsidyProgram;
import org.unionledger.core.subsidy.SubsidyCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyCommands.PaySubsidyGrant;
import org.unionledger.core.subsidy.SubsidyCommands.RecordProgramFunding;
import org.unionledger.core.subsidy.SubsidyCommands.RejectSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyEvents.GrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyEvents.ProgramFundingRecorded;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplicationRejected;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplied;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyProgramLaunched;

class SubsidyProgramTest {

    private static final String PROGRAM = "tuition-2026";
    private static final String FUND = "subsidy:tuition-2026";
    private static final long TUITION_FEN = 250_000;
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final List<String> GRASSROOTS_MEMBER_ORGS = List.of("g-1", "d-1", "city");

    private FixtureConfiguration<SubsidyProgram> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SubsidyProgram.class);
    }

    private static SubsidyProgramLaunched tuitionProgram(EligibilityCriterion... criteria) {
        return new SubsidyProgramLaunched(PROGRAM, "d-1", "Tuition subsidy", FUND, AmountRule.FIXED, TUITION_FEN,
                Set.of(criteria), Set.of("WELDING-1"));
    }

    private static SubsidyProgramLaunched checkupsCappedAt(long capFen) {
        return new SubsidyProgramLaunched(PROGRAM, "d-1", "Health checks", FUND, AmountRule.CAP, capFen,
                Set.of(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE), Set.of());
    }

    private static ProgramFundingRecorded budgetOf(long amountFen) {
        return new ProgramFundingRecorded(PROGRAM, "d-1", "f-0", FundingSource.UNION, amountFen, amountFen);
    }

    private static ApplyForSubsidy application(String id, String member) {
        return new ApplyForSubsidy(PROGRAM, id, member, "g-1", GRASSROOTS_MEMBER_ORGS, "WELDING-1", true, 0);
    }

    private static SubsidyApplied applied(String id, String member, long amountFen) {
        return new SubsidyApplied(PROGRAM, id, "sub:" + PROGRAM + ":" + member, member, "g-1", amountFen, "caseworker");
    }

    private static SubsidyGranted granted(String id, String member, long committedFen, long budgetFen) {
        return new SubsidyGranted(PROGRAM, "d-1", id, "sub:" + PROGRAM + ":" + member, member, "g-1", TUITION_FEN,
                FUND, "reviewer", committedFen, budgetFen);
    }

    private static MetaData as(String principal) {
        return MetaData.with("principal", principal);
    }

    @Test
    void launchesAProgramWithItsOwnFund() {
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", "Tuition subsidy", AmountRule.FIXED, TUITION_FEN,
                        Set.of(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE, EligibilityCriterion.ENROLLED_IN_COURSE,
                                EligibilityCriterion.FRONTLINE_WORKER), Set.of("WELDING-1")))
                .expectEvents(tuitionProgram(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE,
                        EligibilityCriterion.ENROLLED_IN_COURSE, EligibilityCriterion.FRONTLINE_WORKER));
    }

    @Test
    void refusesAProgramWithoutAmountRuleOrPositiveAmount() {
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", "Tuition", null, TUITION_FEN, Set.of(), Set.of()))
                .expectException(ruleViolation("AMOUNT_RULE_REQUIRED"));
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", "Tuition", AmountRule.FIXED, 0, Set.of(), Set.of()))
                .expectException(ruleViolation("AMOUNT_MUST_BE_POSITIVE"));
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", " ", AmountRule.FIXED, 1, Set.of(), Set.of()))
                .expectException(ruleViolation("PROGRAM_NAME_REQUIRED"));
    }

    @Test
    void refusesAProgramListingAnEmptyCriterionOrCourse() {
        Set<EligibilityCriterion> criteria = new java.util.HashSet<>();
        criteria.add(null);
        Set<String> courses = new java.util.HashSet<>();
        courses.add(null);
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", "Tuition", AmountRule.FIXED, 1, criteria, Set.of()))
                .expectException(ruleViolation("ELIGIBILITY_CRITERION_REQUIRED"));
        fixture.givenNoPriorActivity()
                .when(new LaunchSubsidyProgram(PROGRAM, "d-1", "Tuition", AmountRule.FIXED, 1, Set.of(), courses))
                .expectException(ruleViolation("COURSE_CODE_REQUIRED"));
    }

    @Test
    void fundingGrowsTheBudgetOncePerFundingId() {
        fixture.given(tuitionProgram(), budgetOf(1_000))
                .when(new RecordProgramFunding(PROGRAM, "f-1", FundingSource.GOVERNMENT, 5_000))
                .expectEvents(new ProgramFundingRecorded(PROGRAM, "d-1", "f-1", FundingSource.GOVERNMENT, 5_000,
                        6_000));
        fixture.given(tuitionProgram(), budgetOf(1_000))
                .when(new RecordProgramFunding(PROGRAM, "f-0", FundingSource.UNION, 1_000))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEligibleMemberAppliesForTheFixedAmount() {
        fixture.given(tuitionProgram(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE,
                        EligibilityCriterion.ENROLLED_IN_COURSE, EligibilityCriterion.FRONTLINE_WORKER))
                .when(application("a-1", "m-1"), as("caseworker"))
                .expectResultMessagePayload("sub:tuition-2026:m-1")
                .expectEvents(applied("a-1", "m-1", TUITION_FEN));
    }

    @Test
    void refusesAMemberOutsideTheProgramScope() {
        fixture.given(tuitionProgram(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE))
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "d-2", List.of("d-2", "city"), null, false, 0),
                        as("caseworker"))
                .expectException(ruleViolation("MEMBER_MUST_BELONG_TO_PROGRAM_SCOPE"))
                .expectNoEvents();
    }

    @Test
    void refusesAMemberNotEnrolledInAQualifyingCourse() {
        fixture.given(tuitionProgram(EligibilityCriterion.ENROLLED_IN_COURSE))
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "g-1", GRASSROOTS_MEMBER_ORGS, "COOKING-9", false, 0),
                        as("caseworker"))
                .expectException(ruleViolation("MEMBER_MUST_BE_ENROLLED_IN_QUALIFYING_COURSE"))
                .expectNoEvents();
    }

    @Test
    void refusesAMemberWhoIsNoFrontlineWorker() {
        fixture.given(tuitionProgram(EligibilityCriterion.FRONTLINE_WORKER))
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "g-1", GRASSROOTS_MEMBER_ORGS, null, false, 0),
                        as("caseworker"))
                .expectException(ruleViolation("MEMBER_MUST_BE_FRONTLINE_WORKER"))
                .expectNoEvents();
    }

    @Test
    void aMemberGetsOneGrantPerProgram() {
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(application("a-2", "m-1"), as("caseworker"))
                .expectException(ruleViolation("ONE_GRANT_PER_MEMBER_PER_PROGRAM"))
                .expectNoEvents();
    }

    @Test
    void aRetriedApplicationChangesNothingButItsIdCannotBeReused() {
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(application("a-1", "m-1"), as("caseworker"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(application("a-1", "m-2"), as("caseworker"))
                .expectException(ruleViolation("APPLICATION_ID_REUSED"))
                .expectNoEvents();
    }

    @Test
    void aFixedAmountProgramRefusesAnotherAmount() {
        fixture.given(tuitionProgram())
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "g-1", GRASSROOTS_MEMBER_ORGS, null, false, 300_000),
                        as("caseworker"))
                .expectException(ruleViolation("GRANT_MUST_EQUAL_FIXED_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void aCappedProgramGrantsWhatIsAskedUpToTheCap() {
        fixture.given(checkupsCappedAt(50_000))
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "g-1", GRASSROOTS_MEMBER_ORGS, null, false, 30_000),
                        as("caseworker"))
                .expectEvents(applied("a-1", "m-1", 30_000));
        fixture.given(checkupsCappedAt(50_000))
                .when(new ApplyForSubsidy(PROGRAM, "a-1", "m-1", "g-1", GRASSROOTS_MEMBER_ORGS, null, false, 50_001),
                        as("caseworker"))
                .expectException(ruleViolation("GRANT_MUST_NOT_EXCEED_CAP"))
                .expectNoEvents();
    }

    @Test
    void anotherPersonApprovesWithinTheBudget() {
        fixture.given(tuitionProgram(), budgetOf(2 * TUITION_FEN), applied("a-1", "m-1", TUITION_FEN))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-1"), as("reviewer"))
                .expectEvents(granted("a-1", "m-1", TUITION_FEN, 2 * TUITION_FEN));
    }

    @Test
    void theApplicantCannotApproveTheirOwnApplication() {
        fixture.given(tuitionProgram(), budgetOf(2 * TUITION_FEN), applied("a-1", "m-1", TUITION_FEN))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-1"), as("caseworker"))
                .expectException(ruleViolation("APPROVER_MUST_DIFFER_FROM_APPLICANT"))
                .expectNoEvents();
    }

    @Test
    void anApprovalWithoutAKnownPrincipalIsRefusedByTheAggregateWhateverTheController() {
        fixture.given(tuitionProgram(), budgetOf(2 * TUITION_FEN), applied("a-1", "m-1", TUITION_FEN))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-1"))
                .expectException(ruleViolation("PRINCIPAL_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void theBudgetCanNeverBeExceeded() {
        fixture.given(tuitionProgram(), budgetOf(2 * TUITION_FEN - 1), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, 2 * TUITION_FEN - 1), applied("a-2", "m-2", TUITION_FEN))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-2"), as("reviewer"))
                .expectException(ruleViolation("BUDGET_MUST_COVER_GRANT"))
                .expectNoEvents();
    }

    @Test
    void refusesToApproveAnUnknownOrRejectedApplication() {
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-9"), as("reviewer"))
                .expectException(ruleViolation("APPLICATION_MUST_EXIST"));
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        new SubsidyApplicationRejected(PROGRAM, "a-1", "sub:tuition-2026:m-1", "m-1", "no certificate",
                                "reviewer"))
                .when(new ApproveSubsidyApplication(PROGRAM, "a-1"), as("reviewer"))
                .expectException(ruleViolation("APPLICATION_MUST_BE_PENDING"))
                .expectNoEvents();
    }

    @Test
    void anotherPersonRejectsWithAReason() {
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(new RejectSubsidyApplication(PROGRAM, "a-1", "no certificate"), as("reviewer"))
                .expectEvents(new SubsidyApplicationRejected(PROGRAM, "a-1", "sub:tuition-2026:m-1", "m-1",
                        "no certificate", "reviewer"));
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(new RejectSubsidyApplication(PROGRAM, "a-1", " "), as("reviewer"))
                .expectException(ruleViolation("REJECTION_REASON_REQUIRED"));
    }

    @Test
    void paysAnApprovedGrantAsAVoucherOnce() {
        var paid = new SubsidyPaid(PROGRAM, "d-1", "a-1", "sub:tuition-2026:m-1", "m-1", "g-1", TUITION_FEN, FUND,
                PaymentMethod.VOUCHER, "V-0001", TODAY);
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, TUITION_FEN))
                .when(new PaySubsidyGrant(PROGRAM, "a-1", PaymentMethod.VOUCHER, "V-0001", TODAY))
                .expectEvents(paid);
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, TUITION_FEN), paid)
                .when(new PaySubsidyGrant(PROGRAM, "a-1", PaymentMethod.VOUCHER, "V-0001", TODAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToPayAnUnapprovedGrantOrWithoutReference() {
        fixture.given(tuitionProgram(), applied("a-1", "m-1", TUITION_FEN))
                .when(new PaySubsidyGrant(PROGRAM, "a-1", PaymentMethod.CASH, "R-1", TODAY))
                .expectException(ruleViolation("GRANT_MUST_BE_APPROVED"));
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, TUITION_FEN))
                .when(new PaySubsidyGrant(PROGRAM, "a-1", PaymentMethod.CASH, " ", TODAY))
                .expectException(ruleViolation("PAYMENT_REFERENCE_REQUIRED"));
    }

    @Test
    void aGrantAwaitingFundsCannotBePaid() {
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, TUITION_FEN))
                .when(new MarkGrantAwaitingFunds(PROGRAM, "a-1", "BALANCE_MUST_COVER_RESERVATION"))
                .expectEvents(new GrantAwaitingFunds(PROGRAM, "a-1", "sub:tuition-2026:m-1",
                        "BALANCE_MUST_COVER_RESERVATION"));
        fixture.given(tuitionProgram(), budgetOf(TUITION_FEN), applied("a-1", "m-1", TUITION_FEN),
                        granted("a-1", "m-1", TUITION_FEN, TUITION_FEN),
                        new GrantAwaitingFunds(PROGRAM, "a-1", "sub:tuition-2026:m-1", "X"))
                .when(new PaySubsidyGrant(PROGRAM, "a-1", PaymentMethod.CASH, "R-1", TODAY))
                .expectException(ruleViolation("GRANT_MUST_BE_APPROVED"));
    }
}
