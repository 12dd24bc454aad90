package org.unionledger.core.pool;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageCommands.EnrolCoverage;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.rule.BusinessRuleViolation;

class CoverageTest {

    private static final String POOL = "city-pool";
    private static final String FUND = "city-pool-fund";
    private static final LocalDate START = LocalDate.of(2018, 7, 1);
    private static final LocalDate END = LocalDate.of(2019, 6, 30);
    private static final LocalDate ENROLLED_ON = LocalDate.of(2018, 6, 15);
    private static final Plan SERIOUS = SeedPlans.all().get(1);
    private static final Plan MATERNITY = SeedPlans.all().get(3);
    private static final CoveragePeriod P4 = new CoveragePeriod("p4", START, END,
            Set.of(SeedPlans.SERIOUS_ILLNESS, SeedPlans.MATERNITY));

    private FixtureConfiguration<Coverage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coverage.class);
    }

    private static EnrolCoverage anEnrolment(Plan plan, int shares, long amountFen, PayerType payer) {
        return anEnrolment(plan, P4, shares, amountFen, payer, ENROLLED_ON);
    }

    private static EnrolCoverage anEnrolment(Plan plan, CoveragePeriod period, int shares, long amountFen,
                                             PayerType payer, LocalDate on) {
        return new EnrolCoverage(CoverageIds.of(POOL, plan.code(), period.periodId(), "m-1"), POOL, FUND, "m-1",
                "factory-7", plan, period, shares, amountFen, payer, "counter",
                payer == PayerType.EMPLOYER ? "employer-9" : null, payer == PayerType.UNION ? "city-general" : null,
                on, Gender.MALE);
    }

    private static CoverageEnrolled enrolled(int shares, long amountFen) {
        return new CoverageEnrolled(CoverageIds.of(POOL, SeedPlans.SERIOUS_ILLNESS, "p4", "m-1"), POOL, FUND, "m-1",
                "factory-7", SeedPlans.SERIOUS_ILLNESS, "p4", shares, amountFen, PayerType.MEMBER, "counter", null,
                null, ENROLLED_ON, START.plusDays(74), END, 1_000_000, 0);
    }

    @Test
    void enrolsAMemberAtPriceTimesShares() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, 3, 6_000, PayerType.MEMBER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(enrolled(3, 6_000));
    }

    @Test
    void benefitsStartAtThePeriodStartWhenTheWaitingPeriodEndsEarlier() {
        CoveragePeriod period = new CoveragePeriod("p4", START, END, Set.of(SeedPlans.ACCIDENT));
        Plan accident = SeedPlans.all().get(2);
        assertThat(EnrolmentRules.benefitsFrom(accident, period, ENROLLED_ON), is(START));
        assertThat(EnrolmentRules.benefitsFrom(SERIOUS, period, START.plusDays(10)), is(START.plusDays(100)));
    }

    @Test
    void refusesAnAmountOtherThanPriceTimesShares() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, 3, 5_999, PayerType.MEMBER))
                .expectException(ruleViolation("AMOUNT_MUST_EQUAL_PRICE_TIMES_SHARES"))
                .expectNoEvents();
    }

    @Test
    void refusesSharesOutsideThePlanLimits() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, 11, 22_000, PayerType.MEMBER))
                .expectException(ruleViolation("SHARES_MUST_BE_WITHIN_PLAN_LIMITS"))
                .expectNoEvents();
    }

    @Test
    void refusesEnrolmentAfterThePeriodEnded() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, P4, 1, 2_000, PayerType.MEMBER, END.plusDays(1)))
                .expectException(ruleViolation("PERIOD_MUST_NOT_HAVE_ENDED"))
                .expectNoEvents();
    }

    @Test
    void acceptsEnrolmentOnThePeriodsLastDay() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, P4, 1, 2_000, PayerType.MEMBER, END))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAPlanThePeriodDoesNotOffer() {
        Plan accident = SeedPlans.all().get(2);
        fixture.givenNoPriorActivity()
                .when(anEnrolment(accident, 1, 1_000, PayerType.MEMBER))
                .expectException(ruleViolation("PLAN_MUST_BE_OFFERED_IN_PERIOD"))
                .expectNoEvents();
    }

    @Test
    void refusesMaternityForAMemberNotKnownAsFemale() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(MATERNITY, 1, 1_000, PayerType.MEMBER))
                .expectException(ruleViolation("PLAN_REQUIRES_FEMALE_MEMBER"))
                .expectNoEvents();
    }

    @Test
    void refusesAnIdThatIsNotDerivedFromMemberPlanAndPeriod() {
        EnrolCoverage valid = anEnrolment(SERIOUS, 1, 2_000, PayerType.MEMBER);
        fixture.givenNoPriorActivity()
                .when(new EnrolCoverage("cov:chosen-by-client", POOL, FUND, "m-1", "factory-7", SERIOUS, P4, 1, 2_000,
                        PayerType.MEMBER, "counter", null, null, ENROLLED_ON, Gender.MALE))
                .expectException(ruleViolation("COVERAGE_ID_MUST_BE_DERIVED"))
                .expectNoEvents();
        assertThat(valid.coverageId(), is("cov:city-pool:SERIOUS_ILLNESS:p4:m-1"));
    }

    @Test
    void refusesEmployerEnrolmentWithoutAnEmployer() {
        EnrolCoverage employer = anEnrolment(SERIOUS, 1, 2_000, PayerType.EMPLOYER);
        fixture.givenNoPriorActivity()
                .when(new EnrolCoverage(employer.coverageId(), POOL, FUND, "m-1", "factory-7", SERIOUS, P4, 1, 2_000,
                        PayerType.EMPLOYER, "payroll", null, null, ENROLLED_ON, Gender.MALE))
                .expectException(ruleViolation("ID_MUST_BE_WELL_FORMED"))
                .expectNoEvents();
    }

    @Test
    void refusesGiftedCoverageWithoutTheUnionFundThatPays() {
        EnrolCoverage gift = anEnrolment(SERIOUS, 1, 2_000, PayerType.UNION);
        fixture.givenNoPriorActivity()
                .when(new EnrolCoverage(gift.coverageId(), POOL, FUND, "m-1", "factory-7", SERIOUS, P4, 1, 2_000,
                        PayerType.UNION, "gift", null, null, ENROLLED_ON, Gender.MALE))
                .expectException(ruleViolation("GIFTED_COVERAGE_NEEDS_SOURCE_FUND"))
                .expectNoEvents();
    }

    @Test
    void refusesAPoolGiftingCoverageToItself() {
        EnrolCoverage gift = anEnrolment(SERIOUS, 1, 2_000, PayerType.UNION);
        fixture.givenNoPriorActivity()
                .when(new EnrolCoverage(gift.coverageId(), POOL, FUND, "m-1", "factory-7", SERIOUS, P4, 1, 2_000,
                        PayerType.UNION, "gift", null, FUND, ENROLLED_ON, Gender.MALE))
                .expectException(ruleViolation("GIFT_FUND_MUST_NOT_BE_THE_POOL"))
                .expectNoEvents();
    }

    @Test
    void refusesPayersOtherThanMemberEmployerOrUnion() {
        fixture.givenNoPriorActivity()
                .when(anEnrolment(SERIOUS, 1, 2_000, PayerType.DONOR))
                .expectException(ruleViolation("PAYER_MUST_BE_MEMBER_EMPLOYER_OR_UNION"))
                .expectNoEvents();
    }

    @Test
    void catalogueRefusesUnknownPlansAndPeriods() {
        PoolCatalogue catalogue = new PoolCatalogue(POOL, "city", FUND, Map.of(SERIOUS.code(), SERIOUS),
                Map.of("p4", P4));
        assertThat(catalogue.plan(SERIOUS.code()), is(SERIOUS));
        assertThat(assertThrows(BusinessRuleViolation.class, () -> catalogue.plan("DENTAL")).code(),
                is("PLAN_MUST_EXIST_IN_POOL"));
        assertThat(assertThrows(BusinessRuleViolation.class, () -> catalogue.period("p9")).code(),
                is("PERIOD_MUST_EXIST_IN_POOL"));
    }
}
