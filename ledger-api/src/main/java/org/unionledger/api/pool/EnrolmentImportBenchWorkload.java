package org.unionledger.api.pool;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.unionledger.api.bench.BenchContext;
import org.unionledger.api.bench.BulkImportWorkload;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.LedgerClient;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.CoveragePeriod;
import org.unionledger.core.pool.EnrolmentRules;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.pool.SeedPlans;

/**
 * Figure P2 of scripts/bench: the real enrolment import ({@link EnrolmentImporter}, in-process,
 * the same code {@code POST /pools/{poolId}/enrolment-imports} runs after reading the upload)
 * of a CSV generated from the city-year's members: members x three plans, payer mix 70% member,
 * 25% employer, 5% gifted by the member's grassroots union (4 events instead of 2). Each round
 * imports into a pool of its own, created through the HTTP API before the clock starts. The raw
 * side inserts exactly the events the import stores (same payloads, same aggregates, renamed).
 */
@Component
class EnrolmentImportBenchWorkload implements BulkImportWorkload {

    private static final String PERIOD = "bench-year";
    private static final List<String> PLANS = List.of(SeedPlans.INPATIENT, SeedPlans.SERIOUS_ILLNESS,
            SeedPlans.ACCIDENT);

    private final EnrolmentImporter importer;
    private final Enrolments enrolments;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final Map<Integer, Prepared> rounds = new ConcurrentHashMap<>();

    EnrolmentImportBenchWorkload(EnrolmentImporter importer, Enrolments enrolments) {
        this.importer = importer;
        this.enrolments = enrolments;
    }

    @Override
    public String figure() {
        return "P2";
    }

    @Override
    public void prepare(BenchContext context, int rows, int round) {
        String poolId = "bench-" + runId + "-r" + round;
        LedgerClient ledger = context.ledger();
        require(ledger.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "Bench pool " + round)));
        LocalDate today = PoolClock.today();
        require(ledger.post("/pools/" + poolId + "/periods", Map.of("periodId", PERIOD, "startDate",
                today.minusDays(30).toString(), "endDate", today.plusDays(334).toString(), "planCodes", PLANS)));
        PoolCatalogue catalogue = enrolments.catalogue(poolId);
        List<Line> lines = lines(context.year(), catalogue, rows, round);
        StringBuilder csv = new StringBuilder(EnrolmentImporter.HEADER).append('\n');
        for (Line line : lines) {
            csv.append(line.memberId()).append(',').append(line.plan().code()).append(',').append(PERIOD).append(',')
                    .append(line.shares()).append(',').append(line.amountFen()).append(',')
                    .append(line.payerType()).append(',').append(line.channel()).append(',')
                    .append(nullToEmpty(line.employerId())).append(',').append(nullToEmpty(line.giftFundId()))
                    .append(',').append(line.orgId()).append('\n');
        }
        rounds.put(round, new Prepared(catalogue, lines, csv.toString().getBytes(StandardCharsets.UTF_8), today));
    }

    @Override
    public long importThroughLedger(BenchContext context, int rows, int round) throws Exception {
        Prepared prepared = rounds.get(round);
        MetaData actor = MetaData.from(Map.of(LedgerMetadata.PRINCIPAL, "finance",
                LedgerMetadata.ROLES, "FINANCE_OFFICER", LedgerMetadata.ORG_ID, "city"));
        EnrolmentImporter.ImportReport report = importer.run(prepared.catalogue().poolId(),
                new ByteArrayInputStream(prepared.csv()), actor, 1, done -> {
                });
        if (report.applied() != rows || report.rejected() != 0) {
            throw new IllegalStateException("P2: the import applied " + report.applied() + " of " + rows
                    + " lines, rejected " + report.rejected() + ": " + report.rejections().stream().limit(3).toList());
        }
        return report.eventsWritten();
    }

    @Override
    public List<CityYear.GeneratedEvent> sameEvents(BenchContext context, int rows, int round) {
        Prepared prepared = rounds.get(round);
        PoolCatalogue catalogue = prepared.catalogue();
        CoveragePeriod period = catalogue.period(PERIOD);
        LocalDate today = prepared.today();
        String poolFund = catalogue.fundId();
        Map<String, Long> sequences = new HashMap<>();
        List<CityYear.GeneratedEvent> events = new ArrayList<>();
        for (Line line : prepared.lines()) {
            String coverageId = CoverageIds.of(catalogue.poolId(), line.plan().code(), PERIOD, line.memberId());
            events.add(new CityYear.GeneratedEvent("Coverage", coverageId, 0, new CoverageEnrolled(coverageId,
                    catalogue.poolId(), poolFund, line.memberId(), line.orgId(), line.plan().code(), PERIOD,
                    line.shares(), line.amountFen(), line.payerType(), line.channel(), line.employerId(),
                    line.giftFundId(), today, EnrolmentRules.benefitsFrom(line.plan(), period, today),
                    period.endDate(), line.plan().benefitCapFen(), line.plan().fixedBenefitFen())));
            if (line.payerType() == PayerType.UNION) {
                String reservationId = CoverageIds.giftReservationOf(coverageId);
                String giftOrg = line.orgId();
                events.add(next(sequences, line.giftFundId(), new FundsReserved(line.giftFundId(), giftOrg,
                        reservationId, line.amountFen(), ReservationPurpose.GIFTED_COVERAGE, coverageId)));
                events.add(next(sequences, line.giftFundId(), new ReservationDisbursed(line.giftFundId(), giftOrg,
                        reservationId, line.amountFen(), ReservationPurpose.GIFTED_COVERAGE, coverageId,
                        "internal:" + poolFund, today)));
            }
            events.add(next(sequences, poolFund, new ContributionRecorded(poolFund, catalogue.orgId(), coverageId,
                    line.amountFen(), line.payerType(), line.channel(), today, null, coverageId)));
        }
        return events;
    }

    /** Sequence numbers per fund: the pool fund's FundOpened is 0; gift funds are renamed per round. */
    private static CityYear.GeneratedEvent next(Map<String, Long> sequences, String fundId, Object payload) {
        long sequence = sequences.merge(fundId, 1L, Long::sum);
        return new CityYear.GeneratedEvent("Fund", fundId, sequence, payload);
    }

    /** The CSV's lines: member i / 3 in plan i % 3, deterministic for a round. */
    private static List<Line> lines(CityYear year, PoolCatalogue catalogue, int rows, int round) {
        SplittableRandom random = new SplittableRandom(year.seed() ^ (0x9E37L * (round + 1)));
        List<Line> lines = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int member = (i / PLANS.size()) % year.members();
            Plan plan = catalogue.plan(PLANS.get(i % PLANS.size()));
            String org = year.grassrootsOrg(year.grassrootsOf(member));
            int shares = 1 + random.nextInt(3);
            int payer = random.nextInt(100);
            PayerType payerType = payer < 70 ? PayerType.MEMBER : payer < 95 ? PayerType.EMPLOYER : PayerType.UNION;
            String channel = payerType == PayerType.MEMBER ? (random.nextBoolean() ? "online" : "counter")
                    : payerType == PayerType.EMPLOYER ? "payroll" : "gift";
            lines.add(new Line(year.memberId(member), plan, shares, shares * plan.contributionPerShareFen(),
                    payerType, channel, payerType == PayerType.EMPLOYER ? "emp-" + org : null,
                    payerType == PayerType.UNION ? org + "-general" : null, org));
        }
        return lines;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void require(LedgerClient.Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("P2: the ledger refused: " + answer.status() + " " + answer.body());
        }
    }

    private record Line(String memberId, Plan plan, int shares, long amountFen, PayerType payerType, String channel,
                        String employerId, String giftFundId, String orgId) {
    }

    private record Prepared(PoolCatalogue catalogue, List<Line> lines, byte[] csv, LocalDate today) {
    }
}
