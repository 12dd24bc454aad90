package org.unionledger.core.pool;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageCommands.CheckClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ConsumeBenefit;
import org.unionledger.core.pool.CoverageCommands.RestoreBenefit;
import org.unionledger.core.pool.CoverageEvents.BenefitConsumed;
import org.unionledger.core.pool.CoverageEvents.BenefitRestored;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;

/** The claim rules a coverage enforces: active on the event date, waiting period, cap per period. */
class CoverageClaimTest {

    private static final String COVERAGE = CoverageIds.of("city-pool", SeedPlans.SERIOUS_ILLNESS, "p4", "m-1");
    private static final LocalDate ENROLLED_ON = LocalDate.of(2018, 6, 15);
    private static final LocalDate BENEFITS_FROM = LocalDate.of(2018, 9, 13);
    private static final LocalDate END = LocalDate.of(2019, 6, 30);
    private static final long CAP_FEN = 1_000_000;

    private FixtureConfiguration<Coverage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coverage.class);
    }

    private static CoverageEnrolled enrolled() {
        return new CoverageEnrolled(COVERAGE, "city-pool", "city-pool-fund", "m-1", "factory-7",
                SeedPlans.SERIOUS_ILLNESS, "p4", 1, 2_000, PayerType.MEMBER, "counter", null, null, ENROLLED_ON,
                BENEFITS_FROM, END, CAP_FEN, 0);
    }

    @Test
    void answersEligibilityWithTheRemainingCap() {
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-0", 300_000, 300_000))
                .when(new CheckClaimEligibility(COVERAGE, "c-1", "m-1", BENEFITS_FROM))
                .expectNoEvents()
                .expectResultMessagePayload(new ClaimEligibility("m-1", "factory-7", 700_000));
    }

    @Test
    void refusesAnEventInTheWaitingPeriod() {
        fixture.given(enrolled())
                .when(new CheckClaimEligibility(COVERAGE, "c-1", "m-1", BENEFITS_FROM.minusDays(1)))
                .expectException(ruleViolation("WAITING_PERIOD_MUST_HAVE_PASSED"));
    }

    @Test
    void refusesAnEventAfterThePeriodOrBeforeEnrolment() {
        fixture.given(enrolled())
                .when(new CheckClaimEligibility(COVERAGE, "c-1", "m-1", END.plusDays(1)))
                .expectException(ruleViolation("COVERAGE_MUST_BE_ACTIVE_ON_EVENT_DATE"));
        fixture.given(enrolled())
                .when(new CheckClaimEligibility(COVERAGE, "c-1", "m-1", ENROLLED_ON.minusDays(1)))
                .expectException(ruleViolation("COVERAGE_MUST_BE_ACTIVE_ON_EVENT_DATE"));
    }

    @Test
    void refusesAClaimForAnotherMember() {
        fixture.given(enrolled())
                .when(new CheckClaimEligibility(COVERAGE, "c-1", "m-2", BENEFITS_FROM))
                .expectException(ruleViolation("CLAIM_MEMBER_MUST_BE_COVERED_MEMBER"));
    }

    @Test
    void consumesTheCapOncePerClaim() {
        fixture.given(enrolled())
                .when(new ConsumeBenefit(COVERAGE, "c-1", 400_000))
                .expectEvents(new BenefitConsumed(COVERAGE, "c-1", 400_000, 400_000));
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-1", 400_000, 400_000))
                .when(new ConsumeBenefit(COVERAGE, "c-1", 400_000))
                .expectNoEvents();
    }

    @Test
    void refusesConsumingMoreThanTheRemainingCap() {
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-0", 900_000, 900_000))
                .when(new ConsumeBenefit(COVERAGE, "c-1", 100_001))
                .expectException(ruleViolation("BENEFIT_MUST_NOT_EXCEED_REMAINING_CAP"));
    }

    @Test
    void refusesTheSameClaimConsumingAnotherAmount() {
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-1", 400_000, 400_000))
                .when(new ConsumeBenefit(COVERAGE, "c-1", 1))
                .expectException(ruleViolation("BENEFIT_CLAIM_ID_REUSED"));
    }

    @Test
    void restoresTheBenefitOfACancelledClaimOnce() {
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-1", 400_000, 400_000))
                .when(new RestoreBenefit(COVERAGE, "c-1"))
                .expectEvents(new BenefitRestored(COVERAGE, "c-1", 400_000, 0));
        fixture.given(enrolled(), new BenefitConsumed(COVERAGE, "c-1", 400_000, 400_000),
                        new BenefitRestored(COVERAGE, "c-1", 400_000, 0))
                .when(new RestoreBenefit(COVERAGE, "c-1"))
                .expectNoEvents();
    }
}
