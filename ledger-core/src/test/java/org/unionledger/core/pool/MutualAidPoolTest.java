package org.unionledger.core.pool;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.pool.PoolCommands.AddPlan;
import org.unionledger.core.pool.PoolCommands.CreatePool;
import org.unionledger.core.pool.PoolCommands.OpenCoveragePeriod;
import org.unionledger.core.pool.PoolEvents.CoveragePeriodOpened;
import org.unionledger.core.pool.PoolEvents.PlanAdded;
import org.unionledger.core.pool.PoolEvents.PoolCreated;

class MutualAidPoolTest {

    private static final String POOL = "city-pool";
    private static final LocalDate START = LocalDate.of(2018, 7, 1);
    private static final LocalDate END = LocalDate.of(2019, 6, 30);

    private FixtureConfiguration<MutualAidPool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MutualAidPool.class);
    }

    static List<Object> aCreatedPool() {
        List<Object> events = new ArrayList<>();
        events.add(new PoolCreated(POOL, "city", "City staff mutual aid", POOL + "-fund"));
        SeedPlans.all().forEach(plan -> events.add(new PlanAdded(POOL, plan)));
        return events;
    }

    private static CoveragePeriodOpened theFourthPeriod() {
        return new CoveragePeriodOpened(POOL, "p4", START, END, Set.of(SeedPlans.INPATIENT, SeedPlans.SERIOUS_ILLNESS,
                SeedPlans.ACCIDENT, SeedPlans.MATERNITY));
    }

    private static Plan aDentalPlan() {
        return new Plan("DENTAL", "Dental care", 500, 1, 2, 100_000, 0, 30, false);
    }

    @Test
    void createsAPoolWithTheSeedPlans() {
        fixture.givenNoPriorActivity()
                .when(new CreatePool(POOL, "city", " City staff mutual aid ", POOL + "-fund"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(aCreatedPool().toArray());
    }

    @Test
    void refusesAPoolWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new CreatePool(POOL, "city", "", POOL + "-fund"))
                .expectException(ruleViolation("POOL_NAME_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void refusesAPoolIdTooLongForDerivedIds() {
        fixture.givenNoPriorActivity()
                .when(new CreatePool("p".repeat(41), "city", "Pool", "fund"))
                .expectException(ruleViolation("POOL_ID_MUST_BE_SHORT"))
                .expectNoEvents();
    }

    @Test
    void addsAPlan() {
        fixture.given(aCreatedPool())
                .when(new AddPlan(POOL, aDentalPlan()))
                .expectEvents(new PlanAdded(POOL, aDentalPlan()));
    }

    @Test
    void refusesASecondPlanWithTheSameCode() {
        fixture.given(aCreatedPool())
                .when(new AddPlan(POOL, SeedPlans.all().get(0)))
                .expectException(ruleViolation("PLAN_CODE_MUST_BE_UNIQUE"))
                .expectNoEvents();
    }

    @Test
    void refusesAPlanWithAFreeShare() {
        fixture.given(aCreatedPool())
                .when(new AddPlan(POOL, new Plan("FREE", "Free", 0, 1, 1, 0, 0, 0, false)))
                .expectException(ruleViolation("CONTRIBUTION_PER_SHARE_MUST_BE_POSITIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesAPlanWithAnImpossibleShareRange() {
        fixture.given(aCreatedPool())
                .when(new AddPlan(POOL, new Plan("BAD", "Bad", 100, 3, 2, 0, 0, 0, false)))
                .expectException(ruleViolation("SHARES_RANGE_MUST_BE_VALID"))
                .expectNoEvents();
    }

    @Test
    void opensACoveragePeriodForEveryPlanByDefault() {
        fixture.given(aCreatedPool())
                .when(new OpenCoveragePeriod(POOL, "p4", START, END, Set.of()))
                .expectEvents(theFourthPeriod());
    }

    @Test
    void opensTheNextPeriodRightAfterThePreviousOne() {
        fixture.given(aCreatedPool()).andGiven(theFourthPeriod())
                .when(new OpenCoveragePeriod(POOL, "p5", END.plusDays(1), END.plusYears(1), Set.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesOverlappingPeriodsForTheSamePlan() {
        fixture.given(aCreatedPool()).andGiven(theFourthPeriod())
                .when(new OpenCoveragePeriod(POOL, "p5", END, END.plusYears(1), Set.of(SeedPlans.ACCIDENT)))
                .expectException(ruleViolation("PERIODS_MUST_NOT_OVERLAP_FOR_A_PLAN"))
                .expectNoEvents();
    }

    @Test
    void allowsOverlappingPeriodsForDifferentPlans() {
        fixture.given(aCreatedPool())
                .andGiven(new CoveragePeriodOpened(POOL, "acc", START, END, Set.of(SeedPlans.ACCIDENT)))
                .when(new OpenCoveragePeriod(POOL, "mat", START, END, Set.of(SeedPlans.MATERNITY)))
                .expectEvents(new CoveragePeriodOpened(POOL, "mat", START, END, Set.of(SeedPlans.MATERNITY)));
    }

    @Test
    void refusesAPeriodEndingBeforeItStarts() {
        fixture.given(aCreatedPool())
                .when(new OpenCoveragePeriod(POOL, "p4", END, START, Set.of()))
                .expectException(ruleViolation("PERIOD_MUST_END_AFTER_START"))
                .expectNoEvents();
    }

    @Test
    void refusesAReusedPeriodId() {
        fixture.given(aCreatedPool()).andGiven(theFourthPeriod())
                .when(new OpenCoveragePeriod(POOL, "p4", END.plusDays(1), END.plusYears(1), Set.of()))
                .expectException(ruleViolation("PERIOD_ID_MUST_BE_UNIQUE"))
                .expectNoEvents();
    }

    @Test
    void refusesAPeriodForAnUnknownPlan() {
        fixture.given(aCreatedPool())
                .when(new OpenCoveragePeriod(POOL, "p4", START, END, Set.of("DENTAL")))
                .expectException(ruleViolation("PLAN_MUST_EXIST_IN_POOL"))
                .expectNoEvents();
    }
}
