package org.unionledger.api.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;

/**
 * One city-year of union money, generated deterministically from a seed: the organisation tree
 * (city, districts, grassroots unions), members, their funds and every contribution, as the events
 * the ledger would store. At scale 1.0: 550,000 members, 5,000 grassroots unions, about 615,000
 * events of money. The features' history (enrolments, claims, hardship cases, subsidy programs,
 * allocations: about 900,000 more events at scale 1.0) plugs in as {@link CityYearPart} beans,
 * generated after the money in {@link #PLANNED_PARTS} order (docs/PERFORMANCE.md, "The data
 * generator"). The organisations are ids only: no Organisation aggregate is generated.
 */
public final class CityYear {

    /** The reported size of one city's mutual-aid year: 543,900 members enrolled, rounded. */
    public static final int MEMBERS_AT_FULL_SCALE = 550_000;
    public static final int GRASSROOTS_UNIONS_AT_FULL_SCALE = 5_000;
    public static final int DISTRICTS = 12;
    /**
     * The parts of a city-year beyond funds and contributions, in the order they are generated; the
     * benchmark reports a missing one as not measured.
     */
    public static final List<String> PLANNED_PARTS = List.of("enrolments", "claims", "hardship", "subsidies",
            "allocations");

    /** The name under which {@link #generate} counts the funds and their money. */
    public static final String MONEY = "money";
    /** The first day of the year (and of the pool's coverage period); the year has 365 days. */
    public static final LocalDate PERIOD_START = LocalDate.of(2018, 7, 1);
    public static final int PERIOD_DAYS = 365;
    /** The city federation: the root organisation, which owns the city's funds. */
    public static final String CITY = "city";
    /** The city's mutual-aid pool fund (type MUTUAL_AID_POOL). */
    public static final String MUTUAL_AID_FUND = "city-mutual-aid";
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

    public int grassrootsUnions() {
        return grassrootsUnions;
    }

    /** A count given for the full city-year (scale 1.0), at this year's scale, rounded. */
    public int scaled(int atFullScale) {
        return (int) Math.round(atFullScale * (double) members / MEMBERS_AT_FULL_SCALE);
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
     * Generates the city-year's events in order, each with its aggregate's next sequence number:
     * the funds and their money, then the events of each registered part, in the order of
     * {@link #PLANNED_PARTS} (other parts after them, by name). A part whose
     * {@link CityYearPart#requires() required parts} are missing is refused. Answers the number of
     * events of the funds and their money ({@value #MONEY}) and of each part, in order.
     */
    public Map<String, Long> generate(List<CityYearPart> parts, Consumer<GeneratedEvent> sink) {
        List<CityYearPart> ordered = inPlannedOrder(parts);
        Events events = new Events(sink);
        Map<String, Long> eventsByPart = new LinkedHashMap<>();
        funds().forEach(fund -> events.emit("Fund", fund.fundId(), fund));
        SplittableRandom random = new SplittableRandom(seed);
        Consumer<Object> fundEvent = payload -> events.emit("Fund", ((ContributionRecorded) payload).fundId(), payload);
        memberContributions(random, fundEvent);
        monthlyDues(random, fundEvent);
        quarterlyHardshipRaising(random, fundEvent);
        eventsByPart.put(MONEY, events.emitted());
        for (CityYearPart part : ordered) {
            long before = events.emitted();
            part.generate(this, new SplittableRandom(seed ^ part.name().hashCode()), events);
            eventsByPart.put(part.name(), events.emitted() - before);
        }
        return eventsByPart;
    }

    static List<CityYearPart> inPlannedOrder(List<CityYearPart> parts) {
        List<CityYearPart> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt((CityYearPart part) -> PLANNED_PARTS.contains(part.name())
                ? PLANNED_PARTS.indexOf(part.name()) : PLANNED_PARTS.size()).thenComparing(CityYearPart::name));
        for (CityYearPart part : ordered) {
            for (String required : part.requires()) {
                if (ordered.stream().noneMatch(other -> other.name().equals(required))) {
                    throw new IllegalStateException("city-year part " + part.name() + " needs part " + required);
                }
            }
        }
        return ordered;
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
     * Who did something in the city-year, as the event's metadata says: the principal, their roles
     * (comma-separated) and organisation.
     */
    public record Actor(String principal, String roles, String orgId) {

        /** The city's finance officer: funds, contributions and payments. */
        public static final Actor FINANCE = new Actor("finance", "FINANCE_OFFICER", CITY);

        public static Actor member(String memberId, String orgId) {
            return new Actor(memberId, "MEMBER", orgId);
        }
    }

    /**
     * One event of the city-year as the store would hold it.
     *
     * @param aggregateType the aggregate's type name (the event store's {@code type} column)
     * @param sequence      the aggregate's sequence number, from 0
     * @param actor         who caused it (the event's metadata)
     * @param step          the events stored together by one command or request share it (their
     *                      correlation id); null: the event stands alone
     */
    public record GeneratedEvent(String aggregateType, String aggregateId, long sequence, Object payload, Actor actor,
                                 String step) {

        /** An event recorded by the finance officer, on its own. */
        public GeneratedEvent(String aggregateType, String aggregateId, long sequence, Object payload) {
            this(aggregateType, aggregateId, sequence, payload, Actor.FINANCE, null);
        }
    }

    /**
     * Where the generator and its parts emit events: numbers each aggregate's events from 0 in
     * order (parts may add events to aggregates emitted before them, such as funds), and keeps
     * each fund's available money the way the Fund aggregate does, so that a part can decide as the
     * ledger would (a payout the pool cannot hold waits for funds). Parts may leave facts here for
     * the parts after them ({@link #share}).
     */
    public static final class Events {

        private final Consumer<GeneratedEvent> sink;
        private final Map<String, Long> nextSequence = new HashMap<>();
        private final Map<String, Long> availableFen = new HashMap<>();
        private final Map<Class<?>, List<Object>> shared = new HashMap<>();
        private long emitted;

        Events(Consumer<GeneratedEvent> sink) {
            this.sink = sink;
        }

        /** An event of the finance officer, standing alone. */
        public void emit(String aggregateType, String aggregateId, Object payload) {
            emit(aggregateType, aggregateId, payload, Actor.FINANCE, null);
        }

        /** An event caused by {@code actor} in {@code step} (events of one step share it). */
        public void emit(String aggregateType, String aggregateId, Object payload, Actor actor, String step) {
            long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
            if (payload instanceof FundOpened && sequence != 0) {
                throw new IllegalStateException("fund " + aggregateId + " opened twice");
            }
            trackMoney(aggregateId, payload);
            sink.accept(new GeneratedEvent(aggregateType, aggregateId, sequence, payload, actor, step));
            emitted++;
        }

        /** What fund {@code fundId} could reserve now: in, less out, less held. */
        public long availableFen(String fundId) {
            return availableFen.getOrDefault(fundId, 0L);
        }

        /** Events emitted so far. */
        public long emitted() {
            return emitted;
        }

        /** Leaves a fact for the parts that come later (e.g. the coverages that claims need). */
        public <T> void share(Class<T> kind, T fact) {
            shared.computeIfAbsent(kind, k -> new ArrayList<>()).add(fact);
        }

        /** The facts of one kind earlier parts left, in the order they were shared. */
        public <T> List<T> shared(Class<T> kind) {
            return shared.getOrDefault(kind, List.of()).stream().map(kind::cast).toList();
        }

        /** The Fund aggregate's available balance, followed event by event; it never goes negative. */
        private void trackMoney(String fundId, Object payload) {
            long change;
            if (payload instanceof ContributionRecorded e) {
                change = e.amountFen();
            } else if (payload instanceof FundsReserved e) {
                change = -e.amountFen();
            } else if (payload instanceof ReservationReleased e) {
                change = e.amountFen();
            } else if (payload instanceof PaymentReturned e) {
                change = e.amountFen();
            } else if (payload instanceof AllocationReceived e) {
                change = e.amountFen();
            } else {
                return;
            }
            long available = Math.addExact(availableFen(fundId), change);
            if (available < 0) {
                throw new IllegalStateException("generated history overdraws fund " + fundId + " by " + -available
                        + " fen at " + payload);
            }
            availableFen.put(fundId, available);
        }
    }
}
