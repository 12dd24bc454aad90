package org.unionledger.api.faults;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.unionledger.projections.support.ProjectionGroups;

/**
 * {@code scripts/faults}: the bank test under faults. Starts one PostgreSQL and two ledger nodes,
 * then for every fault F1, F2, F3, F4, F8 and every seeded run: a workload of concurrent money
 * commands with the fault injected in the middle, then the checks C1..C7. Prints one summary
 * line per fault and check and exits 1 if any check failed.
 *
 * <pre>
 * scripts/faults [--quick] [--runs N] [--faults F1,F3] [--seed N] [--load-seconds S] [--threads T]
 * </pre>
 */
public final class FaultHarness {

    /** Axon's default token claim timeout: a dead or paused node's segments move after this. */
    static final Duration TOKEN_CLAIM_TIMEOUT = Duration.ofSeconds(10);
    static final Duration NODE_START = Duration.ofSeconds(180);
    static final Duration CATCH_UP = Duration.ofSeconds(120);
    static final List<String> FAULTS = List.of("F1", "F2", "F3", "F4", "F8");

    private final Path work;
    private final PrintStream report;
    private final FaultPostgres db;
    private final List<LedgerNode> nodes = new ArrayList<>();
    private LedgerClient client;
    private Operations ops;

    private FaultHarness(Path work, FaultPostgres db, Path jar) throws Exception {
        this.work = work;
        this.db = db;
        this.report = new PrintStream(Files.newOutputStream(work.resolve("report.txt")), true, StandardCharsets.UTF_8);
        for (String name : List.of("node-a", "node-b")) {
            nodes.add(new LedgerNode(name, FaultPostgres.freeLoopbackPort(), jar, work.resolve(name + ".log"), db));
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        Map<String, String> options = parse(args);
        boolean quick = options.containsKey("quick");
        int runs = Integer.parseInt(options.getOrDefault("runs", quick ? "1" : "5"));
        long baseSeed = Long.parseLong(options.getOrDefault("seed", "1000"));
        int loadSeconds = Integer.parseInt(options.getOrDefault("load-seconds", quick ? "8" : "14"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        List<String> faults = List.of(options.getOrDefault("faults", String.join(",", FAULTS))
                .toUpperCase(Locale.ROOT).split(","));
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("ledger-api/target/ledger-api.jar");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = root.resolve("target/faults/" + stamp);
        Files.createDirectories(work);

        String externalUrl = System.getenv("LEDGER_DB_URL");
        FaultPostgres db;
        if (externalUrl != null && !externalUrl.isBlank()) {
            requireLoopback(externalUrl);
            db = new FaultPostgres.External(externalUrl, env("LEDGER_DB_USER", "postgres"),
                    env("LEDGER_DB_PASSWORD", ""), "faults_" + stamp.replace('-', '_'));
        } else {
            db = new FaultPostgres.Embedded(work.resolve("postgres"), work.resolve("postgres.log"));
        }
        FaultHarness harness = new FaultHarness(work, db, jar);
        int exit;
        try {
            exit = harness.runAll(faults, runs, baseSeed, loadSeconds, threads);
        } finally {
            harness.shutdown();
        }
        System.exit(exit);
    }

    private int runAll(List<String> faults, int runs, long baseSeed, int loadSeconds, int threads) throws Exception {
        say("faults: " + db + "; work folder " + work);
        for (LedgerNode node : nodes) {
            node.start();
        }
        for (LedgerNode node : nodes) {
            node.awaitUp(NODE_START);
        }
        client = new LedgerClient(nodes, "finance", "ledger-finance");
        ops = new Operations(client.paths());
        say("faults: nodes " + nodes + " up; operations: " + ops.describe());

        Map<String, Map<String, List<Long>>> passed = new LinkedHashMap<>();
        Map<String, Map<String, List<Long>>> failed = new LinkedHashMap<>();
        Map<String, List<Long>> skipped = new LinkedHashMap<>();
        for (String fault : faults) {
            int index = FAULTS.indexOf(fault);
            if (index < 0) {
                throw new IllegalArgumentException("unknown fault " + fault + "; known: " + FAULTS);
            }
            for (int run = 0; run < runs; run++) {
                long seed = baseSeed + 100L * (index + 1) + run;
                if (fault.equals("F3") && !db.killable()) {
                    skipped.computeIfAbsent(fault, f -> new ArrayList<>()).add(seed);
                    say(fault + " seed=" + seed + ": skipped, the external PostgreSQL is not the harness's to kill");
                    continue;
                }
                Map<String, List<String>> result = runOne(fault, seed, loadSeconds, threads);
                result.forEach((check, problems) -> (problems.isEmpty() ? passed : failed)
                        .computeIfAbsent(fault, f -> new LinkedHashMap<>())
                        .computeIfAbsent(check, c -> new ArrayList<>()).add(seed));
            }
        }

        say("");
        say("== summary (details in " + work.resolve("report.txt") + ")");
        boolean allPassed = true;
        for (String fault : faults) {
            if (skipped.containsKey(fault)) {
                for (String check : Checks.NAMES) {
                    say(fault + " " + check + " skip 0/" + runs + " seeds=" + join(skipped.get(fault)));
                }
                continue;
            }
            for (String check : Checks.NAMES) {
                List<Long> good = passed.getOrDefault(fault, Map.of()).getOrDefault(check, List.of());
                List<Long> bad = failed.getOrDefault(fault, Map.of()).getOrDefault(check, List.of());
                List<Long> all = new ArrayList<>(good);
                all.addAll(bad);
                all.sort(null);
                boolean pass = bad.isEmpty() && !good.isEmpty();
                allPassed &= pass;
                say(fault + " " + check + " " + (pass ? "pass" : "FAIL") + " " + good.size() + "/" + all.size()
                        + " seeds=" + join(all) + (bad.isEmpty() ? "" : " failing=" + join(bad)));
            }
        }
        say(allPassed ? "faults: every check passed" : "faults: SOME CHECKS FAILED");
        return allPassed ? 0 : 1;
    }

    private Map<String, List<String>> runOne(String fault, long seed, int loadSeconds, int threads) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        List<String> recovery = new ArrayList<>();
        ensureNodesUp(recovery);
        Workload workload = new Workload(fault + "-" + seed, seed, 5, client, ops);
        workload.setup();
        long loadEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(loadSeconds);
        Throwable[] loadFailure = new Throwable[1];
        Thread load = new Thread(() -> {
            try {
                workload.load(threads, loadEnd);
            } catch (Throwable failure) {
                loadFailure[0] = failure;
            }
        }, "load-" + seed);
        load.start();

        Thread.sleep(2_000 + random.nextInt(2_000));
        String what = nemesis(fault, random, workload);
        load.join(TimeUnit.SECONDS.toMillis(loadSeconds) + Workload.RETRY_DEADLINE.toMillis() + 60_000);
        if (load.isAlive() || loadFailure[0] != null) {
            workload.stop.set(true);
            recovery.add("the load did not finish: " + (loadFailure[0] != null ? loadFailure[0] : "still running"));
        }

        // Heal, answer what was left unanswered, prove both nodes take writes, let projections catch up.
        ensureNodesUp(recovery);
        workload.resolveUnknown();
        for (int n = 0; n < nodes.size(); n++) {
            LedgerClient only = new LedgerClient(List.of(nodes.get(n)), "finance", "ledger-finance");
            Sent probe = only.send(ops.contribution(workload.funds.get(2 + n), "after-" + workload.tag + "-" + n, 123),
                    "probe", 0, Duration.ofSeconds(60));
            workload.journal.add(probe);
            if (!probe.acked()) {
                recovery.add(nodes.get(n).name + " does not take writes after the fault: " + probe);
            }
        }
        String settled = awaitAllocationsSettled(workload.funds);
        if (settled != null) {
            recovery.add(settled);
        }
        String caughtUp = awaitCatchUp();
        if (caughtUp != null) {
            recovery.add(caughtUp);
        }

        Checks checks = new Checks();
        try (Connection read = db.connect(); Connection scratch = db.connect(); Connection reader = db.connect()) {
            EventLogFold fold = EventLogFold.read(read);
            var projection = Checks.projection(read);
            List<String> replay = ProjectionReplay.rebuildAndCompare(scratch, reader, workload.funds);
            checks.run(workload, fold, projection, replay, recovery);
        }

        long acked = workload.journal.stream().filter(Sent::acked).count();
        Map<Sent.Outcome, Long> outcomes = workload.journal.stream()
                .filter(s -> s.outcome != null)
                .collect(Collectors.groupingBy(s -> s.outcome, Collectors.counting()));
        long retried = workload.journal.stream().filter(s -> s.attempts > 1).count();
        long serverErrors = workload.journal.stream().mapToLong(s -> s.serverErrors).sum();
        String failedChecks = checks.failures.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.joining(","));
        say(String.format("%s seed=%d %s: commands=%d acked=%d refused=%d reused=%d unknown=%d retried=%d 5xx=%d "
                        + "%ds -> %s", fault, seed, what, workload.journal.size(), acked,
                outcomes.getOrDefault(Sent.Outcome.REFUSED, 0L), outcomes.getOrDefault(Sent.Outcome.REUSED, 0L),
                outcomes.getOrDefault(Sent.Outcome.UNKNOWN, 0L), retried, serverErrors,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                failedChecks.isEmpty() ? "all checks pass" : "FAILED " + failedChecks));
        checks.failures.forEach((check, problems) -> {
            problems.stream().limit(8).forEach(problem -> say("  " + fault + " " + check + " seed=" + seed + ": "
                    + problem));
            problems.forEach(problem -> report.println("    " + check + ": " + problem));
        });
        workload.journal.stream().filter(s -> s.attempts > 1 || s.serverErrors > 0
                        || s.outcome == Sent.Outcome.REFUSED)
                .forEach(sent -> report.println("    sent: " + sent));
        return checks.failures;
    }

    /** One fault; returns what was done, for the run line. */
    private String nemesis(String fault, Random random, Workload workload) throws Exception {
        switch (fault) {
            case "F1" -> {
                LedgerNode victim = random.nextBoolean() ? segmentOwner().orElse(nodes.get(0)) : nodes.get(random.nextInt(2));
                victim.kill9();
                Thread.sleep(1_000 + random.nextInt(2_000));
                victim.start();
                victim.awaitUp(NODE_START);
                return "kill -9 " + victim.name;
            }
            case "F2" -> {
                int first = random.nextInt(2);
                nodes.get(first).kill9();
                Thread.sleep(random.nextInt(500));
                nodes.get(1 - first).kill9();
                Thread.sleep(1_000 + random.nextInt(2_000));
                for (LedgerNode node : nodes) {
                    node.start();
                }
                for (LedgerNode node : nodes) {
                    node.awaitUp(NODE_START);
                }
                return "kill -9 both nodes";
            }
            case "F3" -> {
                db.kill9();
                Thread.sleep(1_000 + random.nextInt(3_000));
                db.restart();
                return "kill -9 PostgreSQL";
            }
            case "F4" -> {
                LedgerNode victim = segmentOwner().orElse(nodes.get(random.nextInt(2)));
                long pauseMs = TOKEN_CLAIM_TIMEOUT.toMillis() + 3_000 + random.nextInt(3_000);
                victim.pause();
                try {
                    Thread.sleep(pauseMs);
                } finally {
                    victim.resume();
                }
                return "SIGSTOP " + victim.name + " for " + pauseMs / 1000 + "s";
            }
            case "F8" -> {
                workload.raceConflicts(random, 3);
                return "conflicting commands raced from both nodes";
            }
            default -> throw new IllegalArgumentException(fault);
        }
    }

    /** The node that holds the segment of the processor running fund_balance, from the shared token store. */
    private java.util.Optional<LedgerNode> segmentOwner() {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT owner FROM tokenentry WHERE processorname = '"
                     + ProjectionGroups.MONEY_AND_CASES + "'")) {
            while (rows.next()) {
                String owner = rows.getString(1);
                if (owner != null && owner.contains("@")) {
                    long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
                    for (LedgerNode node : nodes) {
                        if (node.alive() && node.pid() == pid) {
                            return java.util.Optional.of(node);
                        }
                    }
                }
            }
        } catch (Exception unknown) {
            // fall back to a seeded choice
        }
        return java.util.Optional.empty();
    }

    private void ensureNodesUp(List<String> recovery) throws Exception {
        for (LedgerNode node : nodes) {
            if (!node.alive()) {
                recovery.add(node.name + " was not running; started again");
                node.start();
            }
        }
        for (LedgerNode node : nodes) {
            try {
                node.awaitUp(NODE_START);
            } catch (IllegalStateException down) {
                recovery.add(down.getMessage());
                node.stop();
                node.start();
                node.awaitUp(NODE_START);
            }
        }
    }

    /**
     * Allocations settle asynchronously (the allocation policy accepts, sends and settles them):
     * waits (bounded) until every allocation held by one of the run's funds was received by its
     * target or released back. Returns null when all settled, else which did not.
     */
    private String awaitAllocationsSettled(List<String> funds) throws Exception {
        long end = System.nanoTime() + CATCH_UP.toNanos();
        String open = null;
        while (System.nanoTime() < end) {
            try (Connection c = db.connect(); java.sql.PreparedStatement query = c.prepareStatement(
                    "SELECT aggregateidentifier, payloadtype, payload FROM domainevententry WHERE aggregateidentifier "
                            + "= ANY (?) AND payloadtype IN ('" + FUND_EVENTS + "FundsReserved', '" + FUND_EVENTS
                            + "AllocationReceived', '" + FUND_EVENTS + "ReservationReleased')")) {
                query.setArray(1, c.createArrayOf("varchar", funds.toArray()));
                java.util.Set<String> held = new java.util.LinkedHashSet<>();
                java.util.Set<String> done = new java.util.HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        var event = LedgerClient.JSON.readTree(rows.getBytes(3));
                        String type = rows.getString(2);
                        if (type.endsWith("FundsReserved") && "ALLOCATION".equals(event.path("purpose").asText())) {
                            held.add(event.path("reservationId").asText());
                        } else if (type.endsWith("AllocationReceived")) {
                            done.add(event.path("allocationId").asText());
                        } else if (type.endsWith("ReservationReleased")) {
                            done.add(event.path("reservationId").asText());
                        }
                    }
                }
                held.removeAll(done);
                if (held.isEmpty()) {
                    return null;
                }
                open = held.size() + " allocation(s) not settled, e.g. " + held.iterator().next();
            } catch (java.sql.SQLException notYet) {
                open = notYet.getMessage();
            }
            Thread.sleep(500);
        }
        return "allocations not settled within " + CATCH_UP + ": " + open;
    }

    private static final String FUND_EVENTS = "org.unionledger.core.fund.FundEvents$";

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /**
     * Waits until every event processor's token has reached the end of the log and every fund's
     * row has applied its fund's last event; bounded. Returns null when caught up, else why not.
     */
    private String awaitCatchUp() throws Exception {
        long end = System.nanoTime() + CATCH_UP.toNanos();
        String behind = null;
        while (System.nanoTime() < end) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                long head;
                try (ResultSet rows = s.executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
                    rows.next();
                    head = rows.getLong(1);
                }
                behind = null;
                try (ResultSet rows = s.executeQuery("SELECT processorname, segment, token FROM tokenentry")) {
                    while (rows.next()) {
                        byte[] token = rows.getBytes(3);
                        Matcher index = TOKEN_INDEX.matcher(token == null ? "" : new String(token, StandardCharsets.UTF_8));
                        if (!index.find() || Long.parseLong(index.group(1)) < head) {
                            behind = "processor " + rows.getString(1) + " segment " + rows.getInt(2) + " is behind "
                                    + head;
                        }
                    }
                }
                try (ResultSet rows = s.executeQuery("SELECT e.aggregateidentifier, e.last, b.last_sequence FROM "
                        + "(SELECT aggregateidentifier, max(sequencenumber) AS last FROM domainevententry WHERE "
                        + "payloadtype LIKE 'org.unionledger.core.fund.%' GROUP BY aggregateidentifier) e LEFT JOIN "
                        + "fund_balance b ON b.fund_id = e.aggregateidentifier WHERE b.last_sequence IS DISTINCT FROM "
                        + "e.last LIMIT 1")) {
                    if (rows.next()) {
                        behind = "fund_balance of " + rows.getString(1) + " at " + rows.getString(3) + " of "
                                + rows.getLong(2);
                    }
                }
                if (behind == null) {
                    return null;
                }
            } catch (java.sql.SQLException notYet) {
                behind = notYet.getMessage();
            }
            Thread.sleep(500);
        }
        return "projections not caught up within " + CATCH_UP + ": " + behind;
    }

    private void shutdown() {
        for (LedgerNode node : nodes) {
            try {
                node.stop();
            } catch (Exception ignored) {
                // best effort
            }
        }
        try {
            db.close();
        } catch (Exception ignored) {
            // best effort
        }
        report.close();
    }

    private void say(String line) {
        System.out.println(line);
        report.println(line);
    }

    private static String join(List<Long> seeds) {
        return seeds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void requireLoopback(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        String host = rest.split("[:/]")[0];
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("the fault harness only talks to loopback addresses, not " + host);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("quick")) {
                options.put(name, "true");
            } else if (name.contains("=")) {
                options.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }
}
