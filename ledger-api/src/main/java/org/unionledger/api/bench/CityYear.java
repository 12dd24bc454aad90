package org.unionledger.api.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;

/**
 * One city-year of union money, generated deterministically from a seed: the organisation tree
 * (city, districts, grassroots unions), members, their funds and every contribution, as the events
 * the ledger would store. At scale 1.0: 550,000 members, 5,000 grassroots unions, about 620,000
 * events. Features not built yet (enrolments, claims, hardship cases, subsidy programs,
 * allocations) plug in as {@link CityYearPart}s and are generated after the money parts.
 */
public final class CityYear {

    /** The reported size of one city's mutual-aid year: 543,900 members enrolled, rounded. */
    public static final int MEMBERS_AT_FULL_SCALE = 550_000;
    public static final int GRASSROOTS_UNIONS_AT_FULL_SCALE = 5_000;
    public static final int DISTRICTS = 12;
    /** The parts of a city-year the issue asks for, beyond funds and contributions. */
    public static final List<String> PLANNED_PARTS = List.of("enrolments", "claims", "hardship", "subsidies",
            "allocations");

    static final LocalDate PERIOD_START = LocalDate.of(2018, 7, 1);
    static final int PERIOD_DAYS = 365;
    static final String CITY = "city";
    static final String MUTUAL_AID_FUND = "city-mutual-aid";
    /** One special-serious-illness share: 20 yuan. */
    static final long SHARE_FEN = 2_000;

    private final long seed;
    private final int members;
    private final int grassrootsUnions;

    public CityYear(long seed, double scale) {
        this.seed = seed;
        this.members = Math.max(100, (int) Math.round(MEMBERS_AT_FULL_SCALE * scale));
        this.grassrootsUnions = Math.max(20, (int) Math.round(GRASSROOTS_UNIONS_AT_FULL_SCALE * scale));
    }

    public long seed() {
        return seed;
    }

    public int members() {
        return members;
    }

    public String memberId(int index) {
        return String.format("m%07d", index + 1);
    }

    public String districtOrg(int index) {
        return String.format("d%02d", index + 1);
    }

    public String grassrootsOrg(int index) {
        return String.format("g%05d", index + 1);
    }

    /** The grassroots union a member belongs to (deterministic, roughly even). */
    public int grassrootsOf(int memberIndex) {
        return (int) Math.floorMod(mix(seed ^ memberIndex), grassrootsUnions);
    }

    public int districtOf(int grassrootsIndex) {
        return grassrootsIndex % DISTRICTS;
    }

    /** Every fund of the city-year, opened in this order. */
    public List<FundOpened> funds() {
        List<FundOpened> funds = new ArrayList<>();
        funds.add(new FundOpened("city-general", CITY, "City general fund", FundType.GENERAL));
        funds.add(new FundOpened(MUTUAL_AID_FUND, CITY, "City staff medical mutual-aid pool", FundType.MUTUAL_AID_POOL));
        funds.add(new FundOpened("city-hardship", CITY, "City hardship fund", FundType.HARDSHIP));
        funds.add(new FundOpened("city-subsidy", CITY, "City inclusive-benefit subsidies", FundType.SUBSIDY));
        for (int d = 0; d < DISTRICTS; d++) {
            String org = districtOrg(d);
            funds.add(new FundOpened(org + "-general", org, "District " + (d + 1) + " general fund", FundType.GENERAL));
            funds.add(new FundOpened(org + "-hardship", org, "District " + (d + 1) + " hardship fund",
                    FundType.HARDSHIP));
        }
        for (int g = 0; g < grassrootsUnions; g++) {
            String org = grassrootsOrg(g);
            funds.add(new FundOpened(org + "-general", org, "Grassroots union " + org + " fund", FundType.GENERAL));
        }
        return funds;
    }

    /** Funds that receive ordinary day-to-day contributions (the grassroots and district funds). */
    public List<String> everydayFunds() {
        List<String> ids = new ArrayList<>();
        for (FundOpened fund : funds()) {
            if (fund.fundType() == FundType.GENERAL && !fund.orgId().equals(CITY)) {
                ids.add(fund.fundId());
            }
        }
        return ids;
    }

    /**
     * Generates the city-year's events in order, each with its fund's next sequence number, then
     * the events of each registered part.
     */
    public void generate(List<CityYearPart> parts, Consumer<GeneratedEvent> sink) {
        Map<String, Long> nextSequence = new HashMap<>();
        Consumer<Object> fundEvent = payload -> {
            String fundId = payload instanceof FundOpened opened ? opened.fundId()
                    : ((ContributionRecorded) payload).fundId();
            long sequence = nextSequence.merge(fundId, 1L, Long::sum) - 1;
            sink.accept(new GeneratedEvent("Fund", fundId, sequence, payload));
        };
        funds().forEach(fundEvent);
        SplittableRandom random = new SplittableRandom(seed);
        memberContributions(random, fundEvent);
        monthlyDues(random, fundEvent);
        quarterlyHardshipRaising(random, fundEvent);
        for (CityYearPart part : parts) {
            part.generate(this, new SplittableRandom(seed ^ part.name().hashCode()), sink);
        }
    }

    /** Each member's mutual-aid contribution: paid by the member, the employer, or gifted by the union. */
    private void memberContributions(SplittableRandom random, Consumer<Object> sink) {
        for (int m = 0; m < members; m++) {
            int shares = 1 + random.nextInt(3);
            int payer = random.nextInt(100);
            PayerType payerType = payer < 70 ? PayerType.MEMBER : payer < 95 ? PayerType.EMPLOYER : PayerType.UNION;
            String channel = payerType == PayerType.MEMBER ? (random.nextBoolean() ? "online" : "counter") : "payroll";
            sink.accept(new ContributionRecorded(MUTUAL_AID_FUND, CITY, memberId(m) + "-2018", shares * SHARE_FEN,
                    payerType, channel, dayInPeriod(random), null, memberId(m)));
        }
    }

    /** Union dues kept by each grassroots union, monthly. */
    private void monthlyDues(SplittableRandom random, Consumer<Object> sink) {
        for (int g = 0; g < grassrootsUnions; g++) {
            String org = grassrootsOrg(g);
            for (int month = 0; month < 12; month++) {
                long amountFen = 50_000 + random.nextInt(500_000);
                sink.accept(new ContributionRecorded(org + "-general", org, org + "-dues-" + month, amountFen,
                        PayerType.MEMBER, "payroll", PERIOD_START.plusMonths(month), "monthly dues", null));
            }
        }
    }

    /** District hardship funds raise money each quarter: the higher-level union and donors. */
    private void quarterlyHardshipRaising(SplittableRandom random, Consumer<Object> sink) {
        for (int d = 0; d < DISTRICTS; d++) {
            String org = districtOrg(d);
            for (int quarter = 0; quarter < 4; quarter++) {
                sink.accept(new ContributionRecorded(org + "-hardship", org, org + "-allocation-q" + quarter,
                        5_000_000 + random.nextInt(5_000_000), PayerType.HIGHER_LEVEL_UNION, "transfer",
                        PERIOD_START.plusMonths(3L * quarter), "quarterly allocation", null));
                sink.accept(new ContributionRecorded(org + "-hardship", org, org + "-donation-q" + quarter,
                        100_000 + random.nextInt(2_000_000), PayerType.DONOR, "bank",
                        PERIOD_START.plusMonths(3L * quarter).plusDays(20), "festival donations", null));
            }
        }
    }

    private static LocalDate dayInPeriod(SplittableRandom random) {
        return PERIOD_START.plusDays(random.nextInt(PERIOD_DAYS));
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * One event of the city-year as the store would hold it.
     *
     * @param aggregateType the aggregate's type name (the event store's {@code type} column)
     * @param sequence      the aggregate's sequence number, from 0
     */
    public record GeneratedEvent(String aggregateType, String aggregateId, long sequence, Object payload) {
    }
}
