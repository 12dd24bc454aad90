package org.unionledger.api.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.unionledger.api.faults.MoneyCommand.Kind;

/**
 * The generator of one run: concurrent money commands over a few funds (the first two hot),
 * client-chosen ids, spread over both nodes, every command retried with the same id and body
 * until it is answered. Every send is kept in {@link #journal} for the checks. Deliberate probes
 * for C4: an acknowledged command sent again (must be answered, not recorded twice) and the same
 * id with another body (must be 409).
 */
final class Workload {

    static final Duration RETRY_DEADLINE = Duration.ofSeconds(90);
    static final long SEED_FEN = 1_000_000;

    final String tag;
    /** The run's funds: the first {@link #loadFunds} take the load; F8 appends its race funds. */
    final List<String> funds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int loadFunds;
    final long seed;
    private final LedgerClient client;
    private final Operations ops;
    final Queue<Sent> journal = new ConcurrentLinkedQueue<>();
    /** Failed expectations found while sending, by check (C4 probes, F8 races). */
    final Map<String, Queue<String>> failures = new ConcurrentHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    private int raceFunds;
    /** The organisation owning each fund (race funds: the city's). */
    private final Map<String, String> orgOf = new ConcurrentHashMap<>();

    Workload(String tag, long seed, int fundCount, LedgerClient client, Operations ops) {
        this.tag = tag;
        this.seed = seed;
        this.client = client;
        this.ops = ops;
        this.loadFunds = fundCount;
        for (int i = 0; i < fundCount; i++) {
            funds.add("f-" + tag + "-" + i);
        }
    }

    void fail(String check, String what) {
        failures.computeIfAbsent(check, c -> new ConcurrentLinkedQueue<>()).add(what);
    }

    /**
     * Registers the run's organisations (a city federation and a district below it, when
     * allocations are driven: they must go down the tree), opens the funds (the two hot ones owned
     * by the city, the rest by the district) and gives each a first contribution; everything must be
     * acknowledged. Waits until the read models know the funds (allocations look them up there).
     */
    void setup() {
        String city = "org-" + tag;
        String district = city + "-d";
        if (ops.allocations) {
            registerOrg(ops.registerOrg(city, "CITY_FEDERATION", null));
            registerOrg(ops.registerOrg(district, "DISTRICT", city));
        }
        for (int i = 0; i < funds.size(); i++) {
            String fund = funds.get(i);
            openFund(fund, ops.allocations && i >= 2 ? district : city);
            record(client.send(ops.contribution(fund, "seed-" + fund, SEED_FEN), "setup", 0, RETRY_DEADLINE));
        }
        if (ops.allocations) {
            for (String fund : funds) {
                requireVisible("/funds/" + fund + "/balance");
            }
        }
    }

    private void registerOrg(MoneyCommand org) {
        Sent registered = client.send(org, "setup", 0, RETRY_DEADLINE);
        if (!registered.acked()) {
            throw new IllegalStateException("could not register organisation " + org.id() + ": " + registered);
        }
        requireVisible("/orgs/" + org.id());
    }

    private void requireVisible(String path) {
        if (!client.awaitVisible(path, RETRY_DEADLINE)) {
            throw new IllegalStateException("GET " + path + " did not answer 200 in " + RETRY_DEADLINE);
        }
    }

    private void openFund(String fund, String orgId) {
        Sent opened = client.send(ops.openFund(fund, orgId), "setup", 1, RETRY_DEADLINE);
        if (!opened.acked()) {
            throw new IllegalStateException("could not open fund " + fund + ": " + opened);
        }
        orgOf.put(fund, orgId);
    }

    /**
     * A fund an allocation from {@code source} may go to: another fund of the source's organisation
     * or below it (a city fund to any other fund, a district fund to another district fund).
     */
    private String allocationTarget(String source, Random random) {
        List<String> targets = new ArrayList<>();
        for (String fund : funds.subList(0, loadFunds)) {
            String org = orgOf.get(fund);
            if (!fund.equals(source) && org != null && org.startsWith(orgOf.get(source))) {
                targets.add(fund);
            }
        }
        return targets.get(random.nextInt(targets.size()));
    }

    private Sent record(Sent sent) {
        journal.add(sent);
        return sent;
    }

    /** Runs {@code threads} clients until {@code until} (System.nanoTime), then returns when all are done. */
    void load(int threads, long until) throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            Thread thread = new Thread(() -> client(number, until), "client-" + tag + "-" + t);
            clients.add(thread);
            thread.start();
        }
        long joinEnd = until + RETRY_DEADLINE.toNanos() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : clients) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinEnd - System.nanoTime())));
            if (thread.isAlive()) {
                stop.set(true);
                throw new IllegalStateException(thread.getName() + " did not finish in time");
            }
        }
    }

    private void client(int number, long until) {
        Random random = new Random(seed * 1_000 + number);
        List<MoneyCommand> held = new ArrayList<>();
        int n = 0;
        while (System.nanoTime() < until && !stop.get()) {
            n++;
            String id = "c-" + tag + "-" + number + "-" + n;
            String fund = funds.get(random.nextInt(100) < 75 ? random.nextInt(2) : 2 + random.nextInt(loadFunds - 2));
            int roll = random.nextInt(100);
            MoneyCommand command;
            if (ops.reservations && roll < 25) {
                command = ops.reservation(fund, id, 100 + random.nextInt(30_000));
            } else if (ops.allocations && roll < 40) {
                command = ops.allocation(fund, allocationTarget(fund, random), "a-" + id, 100 + random.nextInt(20_000));
            } else if (ops.disbursements && roll < 60 && !held.isEmpty()) {
                MoneyCommand reservation = held.remove(random.nextInt(held.size()));
                command = ops.releases && random.nextInt(3) == 0 ? ops.release(reservation)
                        : ops.disbursement(reservation);
            } else {
                command = ops.contribution(fund, id, 100 + random.nextInt(50_000));
            }
            Sent sent = record(client.send(command, "load", random.nextInt(client.nodeCount()), RETRY_DEADLINE));
            if (sent.acked() && command.kind() == Kind.RESERVATION) {
                held.add(command);
            }
            if (sent.acked() && n % 6 == 0) {
                probe(command, random);
            }
        }
    }

    /** C4 on purpose: the same command again (answered, recorded once), the same id with another body (409). */
    void probe(MoneyCommand command, Random random) {
        int node = random.nextInt(client.nodeCount());
        // judged by Checks once the fault healed: a probe sent while both nodes were down is sent again
        record(client.send(command, "dup", node + 1, RETRY_DEADLINE));
        record(client.send(command.withOtherBody(), "reuse", node, RETRY_DEADLINE));
    }

    /**
     * F8: conflicting commands raced from both nodes at the same instant on the hot fund: the same
     * id and body (recorded once, both answered), the same id with other bodies (one wins, the
     * other 409), and reservations that together exceed the balance (at most what it covers).
     */
    void raceConflicts(Random random, int rounds) throws InterruptedException {
        String hot = funds.get(0);
        for (int round = 0; round < rounds && !stop.get(); round++) {
            long amount = 100 + random.nextInt(20_000);
            MoneyCommand same = ops.contribution(hot, "race-same-" + tag + "-" + round, amount);
            List<Sent> both = race(List.of(same, same), "race");
            if (!both.stream().allMatch(Sent::acked)) {
                fail("C4", "the same contribution raced from both nodes was not answered twice with 2xx: " + both);
            }
            MoneyCommand first = ops.contribution(hot, "race-other-" + tag + "-" + round, amount);
            List<Sent> conflicting = race(List.of(first, first.withOtherBody()), "race");
            long acked = conflicting.stream().filter(Sent::acked).count();
            long reused = conflicting.stream().filter(s -> s.outcome == Sent.Outcome.REUSED).count();
            if (acked != 1 || reused != 1) {
                fail("C4", "one id with two bodies raced: want one 2xx and one 409, got " + conflicting);
            }
            if (ops.reservations) {
                raceReservations(random, round);
            }
        }
    }

    /**
     * A fresh fund with a small balance, then from both nodes at once: the same reservation twice
     * (recorded once), and six holds of 2/5 of what is left each, alternating reservations and
     * allocations when allocations are driven, which together exceed the balance: exactly as many
     * as the balance covers (two) are acknowledged, the rest refused; available never goes negative
     * (C2 folds every event).
     */
    private void raceReservations(Random random, int round) throws InterruptedException {
        String fund = "f-" + tag + "-race" + raceFunds++;
        openFund(fund, "org-" + tag);
        funds.add(fund);
        long balance = 10_000 + random.nextInt(10_000);
        Sent funded = record(client.send(ops.contribution(fund, "seed-" + fund, balance), "setup", 0, RETRY_DEADLINE));
        if (!funded.acked()) {
            fail("C4", "could not fund race fund " + fund + ": " + funded);
            return;
        }
        MoneyCommand same = ops.reservation(fund, "race-res-same-" + round, 1_000);
        List<Sent> both = race(List.of(same, same), "race");
        if (!both.stream().allMatch(Sent::acked)) {
            fail("C4", "the same reservation raced from both nodes was not answered twice with 2xx: " + both);
        }
        if (ops.allocations) {
            // allocations look both funds up in the read model
            requireVisible("/funds/" + fund + "/balance");
            MoneyCommand sameAllocation = ops.allocation(fund, funds.get(2), "race-alloc-same-" + tag + "-" + round, 500);
            List<Sent> twice = race(List.of(sameAllocation, sameAllocation), "race");
            if (!twice.stream().allMatch(Sent::acked)) {
                fail("C4", "the same allocation raced from both nodes was not answered twice with 2xx: " + twice);
            }
        }
        long left = balance - 1_000 - (ops.allocations ? 500 : 0);
        long each = left * 2 / 5 + 1;
        List<MoneyCommand> greedy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            greedy.add(ops.allocations && i % 2 == 1
                    ? ops.allocation(fund, funds.get(2 + i / 2), "race-alloc-" + tag + "-" + round + "-" + i, each)
                    : ops.reservation(fund, "race-res-" + round + "-" + i, each));
        }
        List<Sent> results = race(greedy, "race");
        long acked = results.stream().filter(Sent::acked).count();
        long covered = left / each;
        long refused = results.stream().filter(s -> s.outcome == Sent.Outcome.REFUSED
                && "BALANCE_MUST_COVER_RESERVATION".equals(s.code)).count();
        if (acked != covered || refused != greedy.size() - covered) {
            fail("C5", "6 holds of " + each + " raced on " + left + " available: want " + covered
                    + " acknowledged and the rest refused, got " + results);
        }
    }

    /** Sends the commands at the same instant, alternating nodes; returns their results in order. */
    private List<Sent> race(List<MoneyCommand> commands, String purpose) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Sent> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Sent sent = new Sent(commands.get(i), purpose);
            results.add(sent);
            int node = i;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    client.send(sent, node, RETRY_DEADLINE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "race-" + i);
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(RETRY_DEADLINE.toMillis() + 30_000);
        }
        results.forEach(this::record);
        return results;
    }

    /** After the fault healed: the commands left unanswered are sent again (same id, same body). */
    void resolveUnknown() {
        for (Sent sent : journal) {
            if (sent.outcome == Sent.Outcome.UNKNOWN) {
                client.send(sent, 0, Duration.ofSeconds(60));
            }
        }
    }
}
