package org.unionledger.api.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.core.fund.Fund;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.PayerType;

/**
 * One benchmark run against a running ledger: loads the city-year, then measures P1..P6, each
 * against raw PostgreSQL on the same database, alternating raw and ledger runs. Prints one line per
 * figure ({@link Figures}); ratios are taken within this run, over medians of its rounds.
 */
final class BenchRun {

    private static final String RAW_TABLE = "bench_raw_event";
    private static final long SEED = 20180701L;
    private static final LocalDate EFFECTIVE = LocalDate.of(2019, 3, 1);
    private static final int P4_WORKERS = 32;
    /** The round number of P1's unmeasured raw warm-up. */
    private static final int WARM_UP_ROUND = -1;
    /** P1's warm-up goes in steps of this length (or a round's, if shorter) ... */
    private static final Duration WARM_UP_STEP = Duration.ofSeconds(2);
    /** ... until the JIT compiled for less than this share of a step. */
    private static final double JIT_SETTLED = 0.1;
    /** P4's mixed warm-up runs at most this many ledger rounds while it waits for the JIT to settle. */
    private static final int P4_WARM_UP_ROUNDS_MAX = 4;

    private final ApplicationContext app;
    private final BenchSizes sizes;
    private final BenchFigures only;
    private final Figures figures;
    private final LedgerClient ledger;
    private final String baseUrl;
    private final HikariDataSource raw;
    private final JdbcTemplate jdbc;
    private final Processors processors;
    private final EventStoreRows rows;
    private final CityYear year;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private BenchContext context;
    private List<String> funds;
    private List<String> hotFunds;
    private double p1LedgerRate;

    BenchRun(ApplicationContext app, String baseUrl, BenchSizes sizes, BenchFigures only, Figures figures) {
        this.only = only;
        this.app = app;
        this.sizes = sizes;
        this.figures = figures;
        this.baseUrl = baseUrl;
        this.ledger = LedgerClient.financeOfficer(baseUrl);
        this.raw = rawPool(app.getBean(DataSource.class), sizes.clients() + P4_WORKERS);
        this.jdbc = new JdbcTemplate(raw);
        this.processors = new Processors(app.getBean(EventProcessingConfiguration.class), jdbc);
        this.rows = new EventStoreRows(app.getBean("eventSerializer", Serializer.class));
        this.year = new CityYear(SEED, sizes.cityYearScale());
    }

    /** A pool of its own on the ledger's database: the raw side never waits for the ledger's pool. */
    private static HikariDataSource rawPool(DataSource ledgerDataSource, int size) {
        HikariDataSource ledgerPool = (HikariDataSource) ledgerDataSource;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(ledgerPool.getJdbcUrl());
        config.setUsername(ledgerPool.getUsername());
        config.setPassword(ledgerPool.getPassword());
        config.setMaximumPoolSize(size);
        config.setPoolName("bench-raw");
        return new HikariDataSource(config);
    }

    void run() throws Exception {
        try {
            figures.print("bench.sizes." + sizes.name(), sizes.clients(), "clients");
            loadCityYear();
            if (only.includes("P1")) {
                settle("the load");
                p1Interactive();
            }
            if (only.includes("P2")) {
                try {
                    p2Bulk();
                } catch (Exception failed) {
                    // A broken import must not hide the other figures; no number is printed for it.
                    failed.printStackTrace();
                    figures.notMeasured("P2.ratio", "failed:" + String.valueOf(failed.getMessage()).replace(' ', '_'));
                }
            }
            if (only.includes("P5")) {
                p5Visibility();
            }
            if (only.includes("P4")) {
                settle("the phases before P4");
                p4Portal();
            }
            if (only.includes("P3")) {
                settle("the phases before P3");
                p3Rebuild();
            }
            if (only.includes("P6")) {
                p6HotAggregate();
            }
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS " + RAW_TABLE);
            raw.close();
        }
    }

    // ---------------------------------------------------------------- setup

    /**
     * Vacuums and analyses the database before a measured phase. After a bulk load (the city-year's
     * COPY, P2's import, P4's background) PostgreSQL's autovacuum goes over the new rows, and a
     * profile of P1 caught it using a fifth of the machine in one round, in raw and ledger rounds
     * alike by chance. What a phase writes itself is still vacuumed while it runs, as in
     * production. The checkpoint then writes out what the load and the vacuum left dirty in the
     * buffer cache, which the server would otherwise write during the next rounds
     * (docs/PERFORMANCE.md, setting 69).
     */
    private void settle(String after) {
        long start = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE)");
        String checkpoint = "checkpointed";
        try {
            jdbc.execute("CHECKPOINT");
        } catch (DataAccessException notAllowed) {
            // CHECKPOINT needs a superuser or pg_checkpoint: on such a LEDGER_DB_URL, the rounds share it.
            checkpoint = "not checkpointed (" + notAllowed.getMostSpecificCause().getMessage() + ")";
        }
        Figures.note(String.format("vacuumed, analysed and %s after %s in %.1f s", checkpoint, after,
                seconds(System.nanoTime() - start)));
    }

    private void loadCityYear() throws Exception {
        jdbc.execute("DROP TABLE IF EXISTS " + RAW_TABLE);
        // Same columns and indexes as Axon's event table, but its own sequence: raw rows never take
        // global indexes from the ledger's store.
        jdbc.execute("CREATE TABLE " + RAW_TABLE + " (LIKE domainevententry INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + RAW_TABLE + "_seq");
        jdbc.execute("ALTER TABLE " + RAW_TABLE + " ALTER COLUMN globalindex SET DEFAULT nextval('" + RAW_TABLE
                + "_seq')");

        List<CityYearPart> parts = new ArrayList<>(app.getBeansOfType(CityYearPart.class).values());
        for (String planned : CityYear.PLANNED_PARTS) {
            if (parts.stream().noneMatch(part -> part.name().equals(planned))) {
                figures.notMeasured("generator." + planned,
                        "no-CityYearPart-bean(generator-part-not-written-yet)");
            }
        }
        Figures.note("loading the city-year (scale " + sizes.cityYearScale() + ") with COPY");
        long start = System.nanoTime();
        long loaded = 0;
        if (CityYearLoad.isLoaded(jdbc)) {
            Figures.note("the city-year is already in this database: not loaded again");
        } else {
            Map<String, Long> eventsByPart = CityYearLoad.copy(raw, rows, year, parts);
            eventsByPart.forEach((part, events) -> figures.print("generator." + part, events, "events"));
            loaded = eventsByPart.values().stream().mapToLong(Long::longValue).sum();
        }
        double copySeconds = seconds(System.nanoTime() - start);
        Duration catchUp = processors.awaitCaughtUp(sizes.catchUpMax());
        parts.forEach(part -> part.loaded(jdbc));
        figures.print("load.events", loaded, "events");
        figures.print("load.copy_events_per_s", loaded / copySeconds, "events/s");
        figures.print("load.projection_catchup_events_per_s",
                loaded / Math.max(0.001, catchUp.toNanos() / 1e9), "events/s");

        funds = year.everydayFunds().subList(0, Math.min(sizes.funds(), year.everydayFunds().size()));
        hotFunds = funds.subList(0, sizes.hotFunds());
        context = new BenchContext(app, ledger, baseUrl, year, raw, funds);
    }

    // ---------------------------------------------------------------- P1

    private void p1Interactive() throws Exception {
        warmUp();
        List<Double> ledgerRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        long errors = 0;
        for (int round = 0; round < sizes.rounds(); round++) {
            Figures.note("P1 round " + (round + 1) + ": raw");
            MachineShare rawStart = MachineShare.now();
            Load rawRun = rawInserts(round, sizes.p1Round());
            String rawMachine = MachineShare.now().since(rawStart);
            rawRates.add(rawRun.perSecond());
            Figures.note("P1 round " + (round + 1) + ": ledger");
            MachineShare ledgerStart = MachineShare.now();
            Load ledgerRun = contributions("p1-" + round, sizes.p1Round(), 0);
            String ledgerMachine = MachineShare.now().since(ledgerStart);
            long end = System.nanoTime();
            processors.awaitCaughtUp(sizes.catchUpMax());
            lags.add((System.nanoTime() - end) / 1e6);
            ledgerRates.add(ledgerRun.perSecond());
            p50s.add(ledgerRun.latencies().percentileMs(50));
            p99s.add(ledgerRun.latencies().percentileMs(99));
            errors += ledgerRun.errors();
            Figures.note(String.format("P1 round %d: raw %.0f/s, ledger %.0f/s, errors %d %s", round + 1,
                    rawRun.perSecond(), ledgerRun.perSecond(), ledgerRun.errors(), ledgerRun.firstError()));
            Figures.note(machineNote("P1 round " + (round + 1), rawMachine, ledgerMachine));
        }
        p1LedgerRate = Figures.median(ledgerRates);
        double rawRate = Figures.median(rawRates);
        figures.print("P1.commands_per_s", p1LedgerRate, "commands/s");
        figures.print("P1.p50_ms", Figures.median(p50s), "ms");
        figures.print("P1.p99_ms", Figures.median(p99s), "ms");
        figures.print("P1.raw_inserts_per_s", rawRate, "inserts/s");
        figures.print("P1.projection_lag_ms", Figures.median(lags), "ms");
        figures.print("P1.errors", errors, "requests");
        figures.print("P1.ratio", p1LedgerRate / rawRate, "ratio");
    }

    /** Loads every P1 fund into the aggregate cache and every credential check into its cache. */
    private void warmUp() throws Exception {
        Figures.note("warm-up: one contribution per fund");
        ExecutorService pool = Executors.newFixedThreadPool(sizes.clients());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String fundId : funds) {
                done.add(pool.submit(() -> ledger.recordContribution(fundId, "warm-" + runId, 100, "UNION", "bench",
                        EFFECTIVE.toString())));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        rawInserts(WARM_UP_ROUND, warmUpStep());
        warmUntilCompiled();
        processors.awaitCaughtUp(sizes.catchUpMax());
        settle("the warm-up");
    }

    /**
     * Records contributions in steps until the JIT compilers spent less than a tenth of a step
     * compiling, for at most {@link BenchSizes#warmUpMax()}. A short warm-up left them compiling
     * through every P1 round: at nice -4 (HotSpot's compiler threads run at "near max" priority, which
     * the JVM can set as root), a quarter of the machine's CPU in each 8-second round of a quiet
     * machine, and still in P4's rounds (docs/PERFORMANCE.md, setting 37). A server runs for hours;
     * P1 measures its steady state, as a JMH warm-up would.
     */
    private void warmUntilCompiled() throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (!jit.isCompilationTimeMonitoringSupported()) {
            contributions("warm-up", warmUpStep(), 0);
            return;
        }
        long deadline = System.nanoTime() + sizes.warmUpMax().toNanos();
        for (int n = 1; ; n++) {
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            Load load = contributions("warm-up-" + n, warmUpStep(), 0);
            double stepMillis = (System.nanoTime() - start) / 1e6;
            double compiling = (jit.getTotalCompilationTime() - compiledBefore) / stepMillis;
            Figures.note(String.format(Locale.ROOT, "warm-up step %d: %.0f commands/s, the JIT compiling %.0f%% of it",
                    n, load.perSecond(), compiling * 100));
            if (compiling < JIT_SETTLED || System.nanoTime() >= deadline) {
                return;
            }
        }
    }

    /** One step of P1's warm-up: {@link #WARM_UP_STEP}, or a round if that is shorter. */
    private Duration warmUpStep() {
        return sizes.p1Round().compareTo(WARM_UP_STEP) < 0 ? sizes.p1Round() : WARM_UP_STEP;
    }

    /**
     * The clients record contributions for {@code length}; at most {@code ratePerSecond} in all
     * when it is above zero (each client paces itself), otherwise as fast as answers come.
     */
    private Load contributions(String label, Duration length, double ratePerSecond) throws Exception {
        int clients = sizes.clients();
        long intervalNanos = ratePerSecond > 0 ? (long) (clients * 1e9 / ratePerSecond) : 0;
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        return parallel(clients, length, (client, deadline, latencies) -> {
            SplittableRandom random = new SplittableRandom(SEED ^ label.hashCode() ^ client);
            // At a fixed rate the clients take turns, evenly spread over the interval: started
            // together they would send all their commands at once, a burst of one per client
            // every interval, which is no steady background (docs/PERFORMANCE.md, setting 23).
            long next = System.nanoTime() + intervalNanos * client / clients;
            long count = 0;
            for (int n = 0; System.nanoTime() < deadline; n++) {
                if (intervalNanos > 0) {
                    sleepUntil(next);
                    next += intervalNanos;
                }
                String fundId = pickFund(random);
                long start = System.nanoTime();
                var answer = ledger.recordContribution(fundId, label + "-" + runId + "-" + client + "-" + n,
                        100 + random.nextInt(100_000), "MEMBER", "bench", EFFECTIVE.toString());
                if (answer.status() == 201) {
                    latencies.add(System.nanoTime() - start);
                    count++;
                } else {
                    errors.incrementAndGet();
                    firstError.compareAndSet("", answer.status() + " " + answer.body());
                }
            }
            return count;
        }, errors, firstError);
    }

    private String pickFund(SplittableRandom random) {
        if (random.nextDouble() < BenchSizes.HOT_SHARE) {
            return hotFunds.get(random.nextInt(hotFunds.size()));
        }
        return funds.get(random.nextInt(funds.size()));
    }

    /** The raw side of P1: the same event rows, one insert per transaction, one connection per client. */
    private Load rawInserts(int round, Duration length) throws Exception {
        return parallel(sizes.clients(), length, (client, deadline, latencies) -> {
            SplittableRandom random = new SplittableRandom(SEED ^ round ^ client);
            String aggregateId = "raw-" + runId + "-" + round + "-" + client;
            long count = 0;
            try (Connection connection = raw.getConnection()) {
                connection.setAutoCommit(true);
                for (long sequence = 0; System.nanoTime() < deadline; sequence++) {
                    long start = System.nanoTime();
                    EventStoreRows.insert(connection, RAW_TABLE, rows.row("Fund", aggregateId, sequence,
                            contribution(aggregateId, "raw-" + sequence, 100 + random.nextInt(100_000))));
                    latencies.add(System.nanoTime() - start);
                    count++;
                }
            }
            return count;
        }, new AtomicLong(), new AtomicReference<>(""));
    }

    private static ContributionRecorded contribution(String fundId, String contributionId, long amountFen) {
        return new ContributionRecorded(fundId, "city", contributionId, amountFen, PayerType.MEMBER, "bench",
                EFFECTIVE, null, null);
    }

    // ---------------------------------------------------------------- P2

    /** The round number of P2's unmeasured warm-up: a pool and rows of its own, apart from the measured rounds. */
    private static final int P2_WARM_UP_ROUND = -1;

    private void p2Bulk() throws Exception {
        Map<String, BulkImportWorkload> workloads = app.getBeansOfType(BulkImportWorkload.class);
        var p2 = workloads.values().stream().filter(w -> w.figure().equals("P2")).findFirst();
        if (p2.isEmpty()) {
            figures.notMeasured("P2", "enrolment-import-not-on-this-branch(no-BulkImportWorkload-bean,issue-3)");
            figures.notMeasured("P2.ratio", "enrolment-import-not-on-this-branch");
            return;
        }
        BulkImportWorkload workload = p2.get();
        // One round unmeasured first, both sides: the import's code is otherwise first run in the
        // first measured round, which then measures the JIT compiling it (setting 25 in
        // docs/PERFORMANCE.md: rounds of 5,374, 7,449 and 9,447 events/s in one run without it).
        // P1 and P4 warm their paths the same way.
        double[] warm = p2Round(workload, P2_WARM_UP_ROUND, "warm-up");
        Figures.note(String.format("P2 warm-up: raw %.0f events/s, import %.0f events/s", warm[0], warm[1]));
        List<Double> ledgerRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        for (int round = 0; round < sizes.rounds(); round++) {
            double[] rates = p2Round(workload, round, "round " + (round + 1));
            rawRates.add(rates[0]);
            ledgerRates.add(rates[1]);
            Figures.note(String.format("P2 round %d: raw %.0f events/s, import %.0f events/s", round + 1,
                    rates[0], rates[1]));
        }
        figures.print("P2.events_per_s", Figures.median(ledgerRates), "events/s");
        figures.print("P2.raw_events_per_s", Figures.median(rawRates), "events/s");
        figures.print("P2.ratio", Figures.median(ledgerRates) / Figures.median(rawRates), "ratio");
    }

    /**
     * One round of P2 into a pool of its own: the raw batched insert of the events the import will
     * store, then the import; answers both rates (raw, import) in events/s, once the projections
     * have caught up with the import.
     */
    private double[] p2Round(BulkImportWorkload workload, int round, String name) throws Exception {
        workload.prepare(context, sizes.p2Rows(), round);
        String prefix = "raw-" + runId + "-" + round + "-";
        List<EventStoreRows.Row> same = workload.sameEvents(context, sizes.p2Rows(), round).stream()
                .map(event -> rows.row(event.aggregateType(), prefix + event.aggregateId(),
                        event.sequence(), event.payload())).toList();
        Figures.note("P2 " + name + ": raw batched insert of " + same.size() + " events");
        long start = System.nanoTime();
        rawBatchedInsert(same);
        double raw = same.size() / seconds(System.nanoTime() - start);
        Figures.note("P2 " + name + ": enrolment import of " + sizes.p2Rows() + " lines");
        start = System.nanoTime();
        long events = workload.importThroughLedger(context, sizes.p2Rows(), round);
        double ledger = events / seconds(System.nanoTime() - start);
        if (events != same.size()) {
            throw new IllegalStateException("P2: the import stored " + events + " events, the raw side "
                    + same.size());
        }
        processors.awaitCaughtUp(sizes.catchUpMax());
        return new double[] {raw, ledger};
    }

    private void rawBatchedInsert(List<EventStoreRows.Row> same) throws SQLException {
        try (Connection connection = raw.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + RAW_TABLE + " (" + EventStoreRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            int batched = 0;
            for (EventStoreRows.Row row : same) {
                EventStoreRows.bind(insert, row);
                insert.addBatch();
                if (++batched % 1000 == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    // ---------------------------------------------------------------- P5

    private void p5Visibility() throws Exception {
        String fundId = "p5-" + runId;
        require(ledger.openFund(fundId, "city", "P5 visibility probe", "GENERAL"));
        Latencies visible = new Latencies();
        long expectedInFen = 0;
        for (int i = 0; i < sizes.p5Samples(); i++) {
            long amountFen = 100 + i;
            require(ledger.recordContribution(fundId, "p5-" + i, amountFen, "MEMBER", "bench", EFFECTIVE.toString()));
            long acknowledged = System.nanoTime();
            expectedInFen += amountFen;
            while (true) {
                var balance = ledger.balance(fundId);
                if (balance.status() == 200 && balance.json().get("inFen").asLong() >= expectedInFen) {
                    break;
                }
                if (System.nanoTime() - acknowledged > TimeUnit.SECONDS.toNanos(30)) {
                    throw new IllegalStateException("P5: contribution not visible after 30 s");
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
            visible.add(System.nanoTime() - acknowledged);
        }
        figures.print("P5.p50_ms", visible.percentileMs(50), "ms");
        figures.print("P5.p99_ms", visible.percentileMs(99), "ms");
    }

    // ---------------------------------------------------------------- P4

    private void p4Portal() throws Exception {
        List<PortalQuery> queries = new ArrayList<>();
        queries.add(new BalancePortalQuery());
        queries.addAll(app.getBeansOfType(PortalQuery.class).values());
        var coverage = new FeaturePortalQueries.Coverage(jdbc);
        if (coverage.hasData()) {
            queries.add(coverage);
        }
        var payouts = new FeaturePortalQueries.Payouts(jdbc);
        if (payouts.hasData()) {
            queries.add(payouts);
        }
        for (String expected : List.of("coverage", "payouts")) {
            if (queries.stream().noneMatch(query -> query.name().equals(expected))) {
                figures.notMeasured("P4." + expected, "no-data(no-" + expected + "-rows-in-this-database)");
            }
        }
        figures.print("P4.queries", queries.size(), "kinds");
        Figures.note("P4 queries: " + queries.stream().map(PortalQuery::name).toList());
        double background = p1LedgerRate / 2;
        warmUpPortal(queries);
        warmUpMixed(queries, background);
        List<Double> p99 = new ArrayList<>();
        List<Double> p999 = new ArrayList<>();
        List<Double> rawP99 = new ArrayList<>();
        List<Double> rawP999 = new ArrayList<>();
        long errors = 0;
        Map<String, List<Double>> kindP99 = new java.util.TreeMap<>();
        for (int round = 0; round < sizes.rounds(); round++) {
            Figures.note("P4 round " + (round + 1) + ": ledger, with P1 at " + Math.round(background) + "/s");
            MachineShare ledgerStart = MachineShare.now();
            long compiledBefore = compiledMillis();
            long started = System.nanoTime();
            Portal ledgerRun = portal(queries, round, false, background);
            double compiling = compilingShareSince(compiledBefore, started);
            String ledgerMachine = MachineShare.now().since(ledgerStart);
            p99.add(ledgerRun.latencies().percentileMs(99));
            p999.add(ledgerRun.latencies().percentileMs(99.9));
            errors += ledgerRun.errors();
            Figures.note("P4 round " + (round + 1) + ": raw JDBC, with P1 at " + Math.round(background) + "/s");
            MachineShare rawStart = MachineShare.now();
            Portal rawRun = portal(queries, round, true, background);
            String rawMachine = MachineShare.now().since(rawStart);
            rawP99.add(rawRun.latencies().percentileMs(99));
            rawP999.add(rawRun.latencies().percentileMs(99.9));
            Figures.note(String.format(Locale.ROOT, "P4 round %d: p99 ledger %.1f ms (the JIT compiling %.0f%% of it),"
                    + " raw %.1f ms", round + 1, ledgerRun.latencies().percentileMs(99), compiling * 100,
                    rawRun.latencies().percentileMs(99)));
            Figures.note(machineNote("P4 round " + (round + 1), rawMachine, ledgerMachine));
            for (PortalQuery query : queries) {
                kindP99.computeIfAbsent(query.name() + "_p99_ms", k -> new ArrayList<>())
                        .add(ledgerRun.byKind().get(query.name()).percentileMs(99));
                kindP99.computeIfAbsent("raw_" + query.name() + "_p99_ms", k -> new ArrayList<>())
                        .add(rawRun.byKind().get(query.name()).percentileMs(99));
            }
        }
        processors.awaitCaughtUp(sizes.catchUpMax());
        figures.print("P4.background_commands_per_s", background, "commands/s");
        figures.print("P4.p99_ms", Figures.median(p99), "ms");
        figures.print("P4.p999_ms", Figures.median(p999), "ms");
        figures.print("P4.raw_p99_ms", Figures.median(rawP99), "ms");
        figures.print("P4.raw_p999_ms", Figures.median(rawP999), "ms");
        figures.print("P4.errors", errors, "requests");
        kindP99.forEach((name, values) -> figures.print("P4." + name, Figures.median(values), "ms"));
    }

    /** A round's note of what the machine spent on others during each side, or that it is not known here. */
    private static String machineNote(String round, String raw, String ledger) {
        return raw.isEmpty() || ledger.isEmpty() ? round + ": the machine's other work not known here"
                : round + ": the machine during the raw side: " + raw + "; during the ledger's: " + ledger;
    }

    /**
     * Before P4's rounds, both paths answer portal queries as fast as they can for one round's
     * length, unmeasured: the ledger's GET endpoints are otherwise first run in P4's first round,
     * whose p99 then measured the JIT compiling them (458, 181 and 56 ms in three rounds of one run,
     * against a steady 23 ms for the raw JDBC path that P1 had warmed). P1 and warmUp() warm the
     * command path the same way.
     */
    private void warmUpPortal(List<PortalQuery> queries) throws Exception {
        for (boolean viaJdbc : new boolean[] {false, true}) {
            AtomicLong errors = new AtomicLong();
            Load warm = parallel(P4_WORKERS, sizes.p4Round(), (client, deadline, latencies) -> {
                SplittableRandom random = new SplittableRandom(SEED ^ client ^ (viaJdbc ? 1 : 0));
                long count = 0;
                while (System.nanoTime() < deadline) {
                    PortalQuery.Request request = queries.get(random.nextInt(queries.size())).next(context, random);
                    boolean ok = answered(request, viaJdbc);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    count++;
                }
                return count;
            }, errors, new AtomicReference<>(""));
            Figures.note(String.format(Locale.ROOT, "P4 warm-up (%s): %.0f queries/s, %d errors",
                    viaJdbc ? "raw JDBC" : "ledger", warm.perSecond(), errors.get()));
        }
    }

    /**
     * One round of each path as P4 runs it (portal queries at their rate, contributions in the
     * background), unmeasured. After the closed-loop warm-up alone, the first measured round was still
     * the slowest of its run in every one of six runs (p99 38.8-60.3 ms, against 13.4-33.4 ms for the
     * rounds after it): the mix of reads and commands had not run before. With one mixed round the
     * first measured round was still the slowest in most runs (e.g. 34.5, 21.1 and 11.3 ms), so the
     * ledger's mixed warm-up goes on, as P1's does, until the JIT compilers spend less than a tenth of
     * a round compiling, for at most {@link #P4_WARM_UP_ROUNDS_MAX} rounds.
     */
    private void warmUpMixed(List<PortalQuery> queries, double background) throws Exception {
        for (int n = 1; ; n++) {
            double compiling = jitShare(() -> portal(queries, -1, false, background), "P4 warm-up round " + n
                    + " (ledger, with P1 at " + Math.round(background) + "/s)");
            if (compiling < JIT_SETTLED || n >= P4_WARM_UP_ROUNDS_MAX) {
                break;
            }
        }
        jitShare(() -> portal(queries, -1, true, background), "P4 warm-up round (raw JDBC, with P1 at "
                + Math.round(background) + "/s)");
    }

    /** The JIT compilers' time so far, in milliseconds; 0 where the JVM does not say. */
    private static long compiledMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The share of the time since {@code startNanos} the JIT compilers spent compiling. */
    private static double compilingShareSince(long compiledMillisBefore, long startNanos) {
        return (compiledMillis() - compiledMillisBefore) / ((System.nanoTime() - startNanos) / 1e6);
    }

    /**
     * Runs one P4 round and notes its p99 and the share of the round the JIT compilers spent
     * compiling, which it returns (0 where the JVM does not say).
     */
    private double jitShare(Callable<Portal> round, String label) throws Exception {
        long compiledBefore = compiledMillis();
        long start = System.nanoTime();
        Portal portal = round.call();
        double compiling = compilingShareSince(compiledBefore, start);
        Figures.note(String.format(Locale.ROOT, "%s: p99 %.1f ms, the JIT compiling %.0f%% of it", label,
                portal.latencies().percentileMs(99), compiling * 100));
        return compiling;
    }

    /**
     * Portal requests at a fixed rate (open loop: a late answer does not delay the next request,
     * and latency counts from when the request was due), while contributions run in the background.
     */
    private Portal portal(List<PortalQuery> queries, int round, boolean viaJdbc, double backgroundRate)
            throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Load> load = background.submit(() -> contributions("p4-" + round + (viaJdbc ? "r" : "l"),
                sizes.p4Round(), backgroundRate));
        ExecutorService workers = Executors.newFixedThreadPool(P4_WORKERS);
        Latencies latencies = new Latencies();
        Map<String, Latencies> byKind = new java.util.concurrent.ConcurrentHashMap<>();
        queries.forEach(query -> byKind.put(query.name(), new Latencies()));
        AtomicLong errors = new AtomicLong();
        SplittableRandom random = new SplittableRandom(SEED ^ round);
        long intervalNanos = 1_000_000_000L / BenchSizes.P4_REQUESTS_PER_SECOND;
        long start = System.nanoTime();
        long end = start + sizes.p4Round().toNanos();
        List<Future<?>> pending = new ArrayList<>();
        for (long due = start; due < end; due += intervalNanos) {
            sleepUntil(due);
            PortalQuery query = queries.get(random.nextInt(queries.size()));
            PortalQuery.Request request = query.next(context, random);
            Latencies kind = byKind.get(query.name());
            long dueAt = due;
            pending.add(workers.submit(() -> {
                boolean ok = answered(request, viaJdbc);
                long latency = System.nanoTime() - dueAt;
                synchronized (latencies) {
                    latencies.add(latency);
                }
                synchronized (kind) {
                    kind.add(latency);
                }
                if (!ok) {
                    errors.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : pending) {
            future.get();
        }
        workers.shutdown();
        load.get();
        background.shutdown();
        return new Portal(latencies, byKind, errors.get());
    }

    /** Asks one portal question, over HTTP or as the same SQL through plain JDBC: answered with rows? */
    private boolean answered(PortalQuery.Request request, boolean viaJdbc) {
        return viaJdbc ? jdbcQuery(request) : ledger.get(request.path()).status() == 200;
    }

    private boolean jdbcQuery(PortalQuery.Request request) {
        try (Connection connection = raw.getConnection();
             PreparedStatement query = connection.prepareStatement(request.sql())) {
            for (int i = 0; i < request.parameters().size(); i++) {
                query.setObject(i + 1, request.parameters().get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                boolean any = false;
                while (result.next()) {
                    any = true;
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        result.getObject(column);
                    }
                }
                return any;
            }
        } catch (SQLException failed) {
            return false;
        }
    }

    /** Balances: the portal's most frequent question, answered by FundBalanceProjection. */
    private static final class BalancePortalQuery implements PortalQuery {

        @Override
        public String name() {
            return "balances";
        }

        @Override
        public Request next(BenchContext context, SplittableRandom random) {
            String fundId = context.fundIds().get(random.nextInt(context.fundIds().size()));
            return new Request("/funds/" + fundId + "/balance",
                    "SELECT fund_id, org_id, name, fund_type, available_fen, reserved_fen, in_fen, out_fen, "
                            + "last_sequence, updated_at FROM fund_balance WHERE fund_id = ?", List.of(fundId));
        }
    }

    // ---------------------------------------------------------------- P3

    private void p3Rebuild() throws Exception {
        long events = processors.storedEvents();
        List<Double> rawRates = new ArrayList<>();
        List<Double> replayRates = new ArrayList<>();
        for (int round = 0; round < sizes.p3Rounds(); round++) {
            Figures.note("P3 round " + (round + 1) + ": raw keyset read of " + events + " events");
            long start = System.nanoTime();
            long read = keysetRead();
            rawRates.add(read / seconds(System.nanoTime() - start));
            Figures.note("P3 round " + (round + 1) + ": reset and replay " + processors.projections().size()
                    + " projections");
            start = System.nanoTime();
            processors.resetProjections();
            String roundName = "P3 round " + (round + 1);
            try {
                processors.awaitCaughtUp(sizes.catchUpMax(), (processor, took) -> Figures.note(roundName + ": "
                        + processor + " caught up after " + took.toMillis() + " ms"));
                replayRates.add(events / seconds(System.nanoTime() - start));
            } catch (IllegalStateException tooSlow) {
                // The rate so far is still a measurement: what the slowest projection replayed in the
                // time allowed. The rest of the run (P6) must not be lost to a slow replay.
                long handled = processors.handledBySlowestProjection();
                replayRates.add(handled / seconds(System.nanoTime() - start));
                Figures.note("P3 round " + (round + 1) + ": not caught up within " + sizes.catchUpMax()
                        + "; the slowest projection had replayed " + handled + " of " + events
                        + " events (the replay goes on behind the next figures)");
            }
        }
        figures.print("P3.events", events, "events");
        figures.print("P3.replay_events_per_s", Figures.median(replayRates), "events/s");
        figures.print("P3.raw_read_events_per_s", Figures.median(rawRates), "events/s");
        figures.print("P3.ratio", Figures.median(replayRates) / Figures.median(rawRates), "ratio");
    }

    /** Reads the whole event table in global-index order, 1,000 rows a query, every column. */
    private long keysetRead() throws SQLException {
        long read = 0;
        long after = -1;
        try (Connection connection = raw.getConnection(); PreparedStatement page = connection.prepareStatement(
                "SELECT globalindex, " + EventStoreRows.COLUMNS + " FROM domainevententry WHERE globalindex > ? "
                        + "ORDER BY globalindex LIMIT 1000")) {
            while (true) {
                page.setLong(1, after);
                int rowsInPage = 0;
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        after = result.getLong(1);
                        for (int column = 2; column <= 10; column++) {
                            result.getObject(column);
                        }
                        rowsInPage++;
                    }
                }
                read += rowsInPage;
                if (rowsInPage == 0) {
                    return read;
                }
            }
        }
    }

    // ---------------------------------------------------------------- P6

    private void p6HotAggregate() throws Exception {
        String hot = "p6-hot-" + runId;
        require(ledger.openFund(hot, "city", "P6 hot fund", "GENERAL"));
        Figures.note("P6: bulk-loading " + sizes.p6Events() + " events into " + hot);
        try (EventStoreRows.Copy copy = new EventStoreRows.Copy(raw, "domainevententry")) {
            for (long sequence = 1; sequence <= sizes.p6Events(); sequence++) {
                copy.add(rows.row("Fund", hot, sequence, contribution(hot, "bulk-" + sequence, 100)));
            }
        }
        // The events went in behind the ledger's back: its cached copy of the fund (opened above)
        // is stale, as after a restart the fund must load from the store.
        app.getBean("aggregateCache", Cache.class).remove(hot);
        // The projections take the bulk-loaded events in while P6 runs: hot and fresh commands
        // alternate, so that background work weighs on both alike.

        // A fund that grew through the ledger has a snapshot at least every 500 events; history
        // written with COPY has none, and replaying all of it inside a command would exceed the
        // command timeout. So the ledger's own snapshotter takes one first, outside any command.
        long start = System.nanoTime();
        app.getBean(Snapshotter.class).scheduleSnapshot(Fund.class, hot);
        while (jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class,
                hot) == 0) {
            if (System.nanoTime() - start > sizes.catchUpMax().toNanos()) {
                throw new IllegalStateException("P6: no snapshot of " + hot + " within " + sizes.catchUpMax());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        figures.print("P6.snapshot_of_history_ms", (System.nanoTime() - start) / 1e6, "ms");
        start = System.nanoTime();
        require(ledger.recordContribution(hot, "first", 100, "MEMBER", "bench", EFFECTIVE.toString()));
        figures.print("P6.first_command_ms", (System.nanoTime() - start) / 1e6, "ms");
        app.getBean("aggregateCache", Cache.class).remove(hot);
        start = System.nanoTime();
        require(ledger.recordContribution(hot, "from-snapshot", 100, "MEMBER", "bench", EFFECTIVE.toString()));
        figures.print("P6.load_from_snapshot_ms", (System.nanoTime() - start) / 1e6, "ms");

        String fresh = "p6-fresh-" + runId;
        require(ledger.openFund(fresh, "city", "P6 fresh fund", "GENERAL"));
        Latencies hotLatencies = new Latencies();
        Latencies freshLatencies = new Latencies();
        for (int i = 0; i < sizes.p6Samples(); i++) {
            timed(hotLatencies, hot, "s-" + i);
            timed(freshLatencies, fresh, "s-" + i);
        }
        figures.print("P6.hot_p50_ms", hotLatencies.percentileMs(50), "ms");
        figures.print("P6.hot_p99_ms", hotLatencies.percentileMs(99), "ms");
        figures.print("P6.fresh_p99_ms", freshLatencies.percentileMs(99), "ms");
        figures.print("P6.ratio", hotLatencies.percentileMs(99) / freshLatencies.percentileMs(99), "ratio");
    }

    private void timed(Latencies latencies, String fundId, String contributionId) {
        long start = System.nanoTime();
        require(ledger.recordContribution(fundId, contributionId, 100, "MEMBER", "bench", EFFECTIVE.toString()));
        latencies.add(System.nanoTime() - start);
    }

    // ---------------------------------------------------------------- helpers

    private interface Client {
        long run(int client, long deadlineNanos, Latencies latencies) throws Exception;
    }

    private Load parallel(int clients, Duration length, Client body, AtomicLong errors,
                          AtomicReference<String> firstError) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long deadline = start + length.toNanos();
            List<Future<Long>> done = new ArrayList<>();
            List<Latencies> latencies = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                Latencies own = new Latencies();
                latencies.add(own);
                done.add(pool.submit(() -> body.run(id, deadline, own)));
            }
            long count = 0;
            for (Future<Long> future : done) {
                count += future.get();
            }
            double elapsed = seconds(System.nanoTime() - start);
            return new Load(count / elapsed, Latencies.merge(latencies), errors.get(), firstError.get());
        } finally {
            pool.shutdown();
        }
    }

    private static void require(LedgerClient.Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("the ledger refused a benchmark request: " + answer.status() + " "
                    + answer.body());
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double seconds(long nanos) {
        return Math.max(1e-9, nanos / 1e9);
    }

    private record Load(double perSecond, Latencies latencies, long errors, String firstError) {
    }

    private record Portal(Latencies latencies, Map<String, Latencies> byKind, long errors) {
    }
}
