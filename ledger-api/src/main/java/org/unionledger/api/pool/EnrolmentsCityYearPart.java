package org.unionledger.api.pool;

import java.time.LocalDate;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.CityYearPart;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.CoveragePeriod;
import org.unionledger.core.pool.EnrolmentRules;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolEvents.CoveragePeriodOpened;
import org.unionledger.core.pool.PoolEvents.PlanAdded;
import org.unionledger.core.pool.PoolEvents.PoolCreated;
import org.unionledger.core.pool.SeedPlans;

/**
 * The city-year's mutual-aid pool (benchmark data, docs/PERFORMANCE.md): the city's pool
 * {@value #POOL_ID} with the seed plans and the period 2018-07-01..2019-06-30, its money kept in
 * the year's mutual-aid fund ({@link CityYear#MUTUAL_AID_FUND}, which already holds every member's
 * yearly contribution), and the coverages of the members who claim or may claim this year: about
 * 15 in 100 members enrol in a plan (inpatient most, then accident, maternity, serious illness).
 * The other members' contributions stay the plain contributions the year records.
 *
 * <p>Each coverage is exactly what an enrolment stores ({@link Enrolments}): the coverage, the
 * contribution on the pool's fund under the coverage's id and, for coverage the member's
 * grassroots union gifts, the reservation on the union's general fund and its disbursement to the
 * pool. The coverages are shared with the parts after this one ({@link CoverageEnrolled}).
 */
@Component
public class EnrolmentsCityYearPart implements CityYearPart {

    public static final String POOL_ID = "city-pool";
    public static final String PERIOD_ID = "2018-2019";
    /** Share of members enrolled in each plan, per 10,000 (maternity: of the female members). */
    private static final int INPATIENT_PER_10000 = 1_050;
    private static final int ACCIDENT_PER_10000 = 380;
    private static final int SERIOUS_ILLNESS_PER_10000 = 40;
    private static final int MATERNITY_PER_10000_FEMALE = 260;
    /** The enrolment campaign: from a month before the period starts to a month into it. */
    private static final int CAMPAIGN_DAYS = 61;

    @Override
    public String name() {
        return "enrolments";
    }

    @Override
    public void generate(CityYear year, SplittableRandom random, CityYear.Events events) {
        String fundId = CityYear.MUTUAL_AID_FUND;
        CoveragePeriod period = new CoveragePeriod(PERIOD_ID, CityYear.PERIOD_START,
                CityYear.PERIOD_START.plusDays(CityYear.PERIOD_DAYS - 1),
                Set.of(SeedPlans.INPATIENT, SeedPlans.SERIOUS_ILLNESS, SeedPlans.ACCIDENT,
                        SeedPlans.MATERNITY));
        createPool(events, fundId, period);
        for (int member = 0; member < year.members(); member++) {
            boolean female = random.nextBoolean();
            for (Plan plan : SeedPlans.all()) {
                if (random.nextInt(10_000) < enrolledPer10000(plan, female)) {
                    enrol(year, random, events, member, plan, period, fundId);
                }
            }
        }
    }

    /** What CreatePool stores (the pool, then its seed plans) and the period the pool opened. */
    private static void createPool(CityYear.Events events, String fundId, CoveragePeriod period) {
        String step = "city-year:create-pool:" + POOL_ID;
        events.emit("MutualAidPool", POOL_ID, new PoolCreated(POOL_ID, CityYear.CITY,
                "City staff medical mutual-aid pool", fundId), CityYear.Actor.FINANCE, step);
        for (Plan plan : SeedPlans.all()) {
            events.emit("MutualAidPool", POOL_ID, new PlanAdded(POOL_ID, plan), CityYear.Actor.FINANCE, step);
        }
        events.emit("MutualAidPool", POOL_ID, new CoveragePeriodOpened(POOL_ID, PERIOD_ID, period.startDate(),
                period.endDate(), period.planCodes()), CityYear.Actor.FINANCE, "city-year:open-period:" + PERIOD_ID);
    }

    private static int enrolledPer10000(Plan plan, boolean female) {
        return switch (plan.code()) {
            case SeedPlans.INPATIENT -> INPATIENT_PER_10000;
            case SeedPlans.ACCIDENT -> ACCIDENT_PER_10000;
            case SeedPlans.SERIOUS_ILLNESS -> SERIOUS_ILLNESS_PER_10000;
            case SeedPlans.MATERNITY -> female ? MATERNITY_PER_10000_FEMALE : 0;
            default -> 0;
        };
    }

    /**
     * One enrolment as {@link Enrolments#plan} and {@link Enrolments#applyAll} store it: the
     * coverage first, then the money commands in the lock order: the grassroots union's gift fund
     * ("g...-general"), then the pool's fund.
     */
    private static void enrol(CityYear year, SplittableRandom random, CityYear.Events events, int member, Plan plan,
                              CoveragePeriod period, String fundId) {
        String memberId = year.memberId(member);
        String org = year.grassrootsOrg(year.grassrootsOf(member));
        String coverageId = CoverageIds.of(POOL_ID, plan.code(), PERIOD_ID, memberId);
        int shares = plan.sharesMin() + random.nextInt(Math.min(3, plan.sharesMax() - plan.sharesMin() + 1));
        long amountFen = plan.priceFen(shares);
        int payer = random.nextInt(100);
        PayerType payerType = payer < 70 ? PayerType.MEMBER : payer < 95 ? PayerType.EMPLOYER : PayerType.UNION;
        String giftFundId = org + "-general";
        if (payerType == PayerType.UNION && events.availableFen(giftFundId) < amountFen) {
            // The union's fund could not have paid: the member paid instead.
            payerType = PayerType.MEMBER;
        }
        String channel = switch (payerType) {
            case MEMBER -> random.nextBoolean() ? "online" : "counter";
            case EMPLOYER -> "payroll";
            default -> "gift";
        };
        String employerId = payerType == PayerType.EMPLOYER ? "emp-" + org : null;
        LocalDate enrolledOn = CityYear.PERIOD_START.minusDays(30).plusDays(random.nextInt(CAMPAIGN_DAYS));
        CoverageEnrolled enrolled = new CoverageEnrolled(coverageId, POOL_ID, fundId, memberId, org, plan.code(),
                PERIOD_ID, shares, amountFen, payerType, channel, employerId,
                payerType == PayerType.UNION ? giftFundId : null, enrolledOn,
                EnrolmentRules.benefitsFrom(plan, period, enrolledOn), period.endDate(), plan.benefitCapFen(),
                plan.fixedBenefitFen());
        String step = "city-year:enrol:" + coverageId;
        events.emit("Coverage", coverageId, enrolled, CityYear.Actor.FINANCE, step);
        if (payerType == PayerType.UNION) {
            String reservationId = CoverageIds.giftReservationOf(coverageId);
            events.emit("Fund", giftFundId, new FundsReserved(giftFundId, org, reservationId, amountFen,
                    ReservationPurpose.GIFTED_COVERAGE, coverageId), CityYear.Actor.FINANCE, step);
            events.emit("Fund", giftFundId, new ReservationDisbursed(giftFundId, org, reservationId, amountFen,
                    ReservationPurpose.GIFTED_COVERAGE, coverageId, "internal:" + fundId, enrolledOn),
                    CityYear.Actor.FINANCE, step);
        }
        events.emit("Fund", fundId, new ContributionRecorded(fundId, CityYear.CITY, coverageId, amountFen, payerType,
                channel, enrolledOn, null, coverageId), CityYear.Actor.FINANCE, step);
        events.share(CoverageEnrolled.class, enrolled);
    }

    /** The plan a coverage is under, by code: the seed plans the pool was created with. */
    public static Plan plan(String planCode) {
        return SeedPlans.all().stream().filter(plan -> plan.code().equals(planCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed plan " + planCode));
    }
}
