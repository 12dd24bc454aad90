package org.unionledger.api.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.unionledger.api.faults.EventLogFold.FundFold;
import org.unionledger.api.faults.EventLogFold.MoneyEvent;

/**
 * The checks after a run, over the run's funds: C1 conservation, C2 no available balance below
 * zero, C3 every acknowledged command is in the log, C4 retries took effect once and a reused id
 * got 409, C5 no lost update (the log holds exactly the acknowledged effects), C6 every projection
 * equals a fresh fold of the log, C7 both nodes recovered and serve writes.
 */
final class Checks {

    static final List<String> NAMES = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7");

    /** A fund's money as the projection shows it. */
    record Balance(long availableFen, long reservedFen, long inFen, long outFen, long lastSequence,
                   long pendingInFen) {
    }

    /** What the acknowledged commands say a fund must hold. */
    static final class Expected {
        long inFen;
        long outFen;
        long reservedFen;

        long available() {
            return inFen - outFen - reservedFen;
        }
    }

    final Map<String, List<String>> failures = new LinkedHashMap<>();

    Checks() {
        NAMES.forEach(name -> failures.put(name, new ArrayList<>()));
    }

    void fail(String check, String what) {
        failures.get(check).add(what);
    }

    static Map<String, Balance> projection(Connection db) throws Exception {
        Map<String, Balance> rows = new HashMap<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT fund_id, available_fen, reserved_fen, in_fen, out_fen, last_sequence, pending_in_fen "
                        + "FROM fund_balance")) {
            while (result.next()) {
                rows.put(result.getString(1), new Balance(result.getLong(2), result.getLong(3), result.getLong(4),
                        result.getLong(5), result.getLong(6), result.getLong(7)));
            }
        }
        return rows;
    }

    void run(Workload workload, EventLogFold fold, Map<String, Balance> projection, List<String> replayDifferences,
             List<String> recoveryProblems) {
        Set<String> runFunds = new HashSet<>(workload.funds);
        workload.failures.forEach((check, found) -> found.forEach(what -> fail(check, what)));

        // What the client was told, by key: the first acknowledged send of each key decides its effect.
        Map<String, Sent> acknowledged = new LinkedHashMap<>();
        Map<String, Sent> unknown = new LinkedHashMap<>();
        Map<String, List<Sent>> sendsByKey = new HashMap<>();
        for (Sent sent : workload.journal) {
            MoneyCommand command = sent.command;
            if (!command.kind().movesMoney()) {
                continue;
            }
            sendsByKey.computeIfAbsent(command.key(), k -> new ArrayList<>()).add(sent);
            if (sent.acked() && !"reuse".equals(sent.purpose)) {
                acknowledged.putIfAbsent(command.key(), sent);
            } else if (sent.outcome == Sent.Outcome.UNKNOWN && !"reuse".equals(sent.purpose)) {
                unknown.putIfAbsent(command.key(), sent);
            }
        }
        unknown.keySet().removeAll(acknowledged.keySet());
        for (Sent sent : workload.journal) {
            if ("reuse".equals(sent.purpose) && sent.acked()) {
                fail("C4", "same id with another body was acknowledged: " + sent);
            } else if ("reuse".equals(sent.purpose) && sent.outcome != Sent.Outcome.REUSED
                    && sent.outcome != Sent.Outcome.UNKNOWN) {
                fail("C4", "same id with another body was not refused with 409 IDEMPOTENCY_KEY_REUSED: " + sent);
            } else if ("dup".equals(sent.purpose) && sent.outcome != Sent.Outcome.UNKNOWN
                    && (!sent.acked() || !sent.replayed)) {
                fail("C4", "same id and body again was not answered as a replay: " + sent);
            }
        }

        // Expected money per fund: acknowledged commands, plus unanswered ones the log holds.
        Map<String, Expected> expected = new HashMap<>();
        workload.funds.forEach(fund -> expected.put(fund, new Expected()));
        List<MoneyCommand> effective = new ArrayList<>();
        acknowledged.values().forEach(sent -> effective.add(sent.command));
        unknown.values().stream().filter(sent -> fold.byKey.containsKey(sent.command.key()))
                .forEach(sent -> effective.add(sent.command));
        long externalIn = 0;
        long externalOut = 0;
        for (MoneyCommand command : effective) {
            Expected fund = expected.computeIfAbsent(command.fundId(), f -> new Expected());
            switch (command.kind()) {
                case CONTRIBUTION -> {
                    fund.inFen += command.amountFen();
                    externalIn += command.amountFen();
                }
                case RESERVATION -> fund.reservedFen += command.amountFen();
                case DISBURSEMENT -> {
                    fund.reservedFen -= command.amountFen();
                    fund.outFen += command.amountFen();
                    externalOut += command.amountFen();
                }
                case RELEASE -> fund.reservedFen -= command.amountFen();
                case ALLOCATION -> {
                    // Acknowledged (202) = held on the source; the run waits until every allocation
                    // settled, so it must have arrived: out of the source, into the target. Money in
                    // transit (pending in) is in neither fund's available and must be zero by now.
                    fund.outFen += command.amountFen();
                    expected.computeIfAbsent(command.targetFundId(), f -> new Expected()).inFen += command.amountFen();
                }
                default -> fail("C1", "the checks do not know the effect of " + command);
            }
        }

        // C1 conservation: projection = acknowledged money in minus out, per fund and in total.
        long projectedTotal = 0;
        for (String fund : workload.funds) {
            Expected want = expected.get(fund);
            Balance got = projection.get(fund);
            if (got == null) {
                fail("C1", fund + " has no fund_balance row");
                continue;
            }
            // money in transit counts once: reserved at the source until step 3 (sent), then pending
            // in at the target until step 4; between steps 2 and 3 it is both (subtracted below)
            projectedTotal += got.availableFen() + got.reservedFen() + got.pendingInFen();
            if (got.inFen() != want.inFen || got.outFen() != want.outFen || got.reservedFen() != want.reservedFen
                    || got.availableFen() != want.available() || got.pendingInFen() != 0) {
                fail("C1", fund + " projection in/out/reserved/available/pending-in " + got.inFen() + "/"
                        + got.outFen() + "/" + got.reservedFen() + "/" + got.availableFen() + "/" + got.pendingInFen()
                        + " but acknowledged " + want.inFen + "/" + want.outFen + "/" + want.reservedFen + "/"
                        + want.available() + "/0");
            }
        }
        // accepted but not yet sent: reserved at the source and pending at the target, count it once
        projectedTotal -= fold.allocations.values().stream()
                .filter(a -> a.accepted && !a.sent && runFunds.contains(a.targetFundId))
                .mapToLong(a -> a.amountFen).sum();
        if (projectedTotal != externalIn - externalOut) {
            fail("C1", "total over the run's funds " + projectedTotal + " but external in minus out is "
                    + (externalIn - externalOut));
        }

        // C2 no available balance below zero: in the projection (every fund) and in the fold (every prefix).
        projection.forEach((fund, balance) -> {
            if (balance.availableFen() < 0 || balance.reservedFen() < 0 || balance.pendingInFen() < 0) {
                fail("C2", fund + " projection available " + balance.availableFen() + " reserved "
                        + balance.reservedFen() + " pending in " + balance.pendingInFen());
            }
        });
        fold.funds.values().forEach(fund -> fund.problems.stream()
                .filter(problem -> problem.startsWith("after sequence"))
                .forEach(problem -> fail("C2", fund.fundId + " " + problem)));

        // C3 every acknowledged command is in the event log, with its amount.
        for (Sent sent : acknowledged.values()) {
            List<MoneyEvent> events = fold.byKey.get(sent.command.key());
            if (events == null || events.isEmpty()) {
                fail("C3", "acknowledged but not in the log: " + sent);
            } else if (events.get(0).amountFen() != sent.command.amountFen()) {
                fail("C3", "acknowledged " + sent.command + " but the log holds " + events.get(0));
            }
        }

        // C4 every command sent more than once (retries, duplicates, races) took effect once.
        int repeated = 0;
        for (var entry : sendsByKey.entrySet()) {
            int sends = entry.getValue().stream().mapToInt(s -> s.attempts).sum();
            if (sends > 1) {
                repeated++;
                List<MoneyEvent> events = fold.byKey.getOrDefault(entry.getKey(), List.of());
                if (events.size() > 1) {
                    fail("C4", entry.getKey() + " was sent " + sends + " times and took effect " + events.size()
                            + " times: " + events);
                }
            }
        }
        if (repeated == 0) {
            fail("C4", "no command was sent twice: the run did not exercise retries");
        }

        // C5 no lost update: the run's money events in the log are exactly the acknowledged effects.
        for (var entry : fold.byKey.entrySet()) {
            MoneyEvent first = entry.getValue().get(0);
            if (!runFunds.contains(first.fundId())) {
                continue;
            }
            if (entry.getValue().size() > 1) {
                fail("C5", entry.getKey() + " is in the log " + entry.getValue().size() + " times");
            }
            if (!acknowledged.containsKey(entry.getKey()) && !unknown.containsKey(entry.getKey())) {
                fail("C5", "in the log but never acknowledged (refused or never sent): " + first + " sends "
                        + sendsByKey.get(entry.getKey()));
            }
        }
        for (String fund : workload.funds) {
            FundFold got = fold.funds.get(fund);
            Expected want = expected.get(fund);
            if (got == null) {
                fail("C5", fund + " has no events");
                continue;
            }
            got.problems.stream().filter(p -> !p.startsWith("after sequence")).forEach(p -> fail("C5", fund + " " + p));
            if (got.inFen != want.inFen || got.outFen != want.outFen || got.reservedFen != want.reservedFen
                    || got.pendingInFen != 0) {
                fail("C5", fund + " fold of the log in/out/reserved/pending-in " + got.inFen + "/" + got.outFen + "/"
                        + got.reservedFen + "/" + got.pendingInFen + " but acknowledged " + want.inFen + "/"
                        + want.outFen + "/" + want.reservedFen + "/0");
            }
        }
        // every acknowledged allocation went all four steps (reserve, accept, send, receive), never released
        for (MoneyCommand command : effective) {
            if (command.kind() == MoneyCommand.Kind.ALLOCATION) {
                EventLogFold.Allocation allocation = fold.allocations.get(command.id());
                if (allocation == null || !allocation.received || allocation.released
                        || !command.targetFundId().equals(allocation.targetFundId)) {
                    fail("C5", "acknowledged " + command + " but the log shows " + allocation);
                }
            }
        }
        fold.allocations.values().stream()
                .filter(a -> runFunds.contains(a.sourceFundId) || runFunds.contains(a.targetFundId))
                .filter(a -> !a.settled())
                .forEach(a -> fail("C5", "never settled: " + a));
        fold.problems.stream().filter(p -> workload.funds.stream().anyMatch(p::contains))
                .forEach(p -> fail("C5", p));

        // C6 every projection equals a fresh fold of the log: the fold here, and the projection's own
        // code replayed into a scratch schema.
        for (FundFold fund : fold.funds.values()) {
            Balance got = projection.get(fund.fundId);
            if (got == null || got.inFen() != fund.inFen || got.outFen() != fund.outFen
                    || got.reservedFen() != fund.reservedFen || got.availableFen() != fund.available()
                    || got.pendingInFen() != fund.pendingInFen || got.lastSequence() != fund.lastSequence) {
                fail("C6", fund.fundId + " projection " + got + " but the fold gives in " + fund.inFen + " out "
                        + fund.outFen + " reserved " + fund.reservedFen + " pending in " + fund.pendingInFen
                        + " last sequence " + fund.lastSequence);
            }
        }
        for (String fund : projection.keySet()) {
            if (!fold.funds.containsKey(fund)) {
                fail("C6", fund + " has a fund_balance row but no events");
            }
        }
        replayDifferences.forEach(difference -> fail("C6", difference));

        // C7 recovery.
        recoveryProblems.forEach(problem -> fail("C7", problem));
        workload.journal.stream().filter(sent -> sent.outcome == Sent.Outcome.UNKNOWN)
                .forEach(sent -> fail("C7", "never answered, even after the fault healed: " + sent));
    }
}
