package org.unionledger.api.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.unionledger.api.support.ApiTest;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;

/**
 * What the hash chain costs writers: command throughput with the chainer paused and running,
 * alternating rounds. A measurement, not part of the normal build (shared CI machines are too
 * noisy for a 10% bound): run with
 * {@code mvn -B -o -pl ledger-api -am test -Dtest=HashChainCostBench -Dledger.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Results are in docs/audit.md.
 */
@ApiTest
@EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
class HashChainCostBench {

    private static final int FUNDS = 8;
    private static final int THREADS = 4;
    private static final int COMMANDS_PER_ROUND = 2_000;
    private static final int ROUNDS = 3;

    @Autowired
    CommandGateway commands;
    @Autowired
    HashChainer chainer;

    @Test
    void chainCostsWritersLittle() throws Exception {
        List<String> funds = new ArrayList<>();
        for (int i = 0; i < FUNDS; i++) {
            String fundId = "bench-" + UUID.randomUUID();
            commands.sendAndWait(new OpenFund(fundId, "city", "Bench " + i, FundType.GENERAL));
            funds.add(fundId);
        }
        round(funds, 1_000);
        double withoutSum = 0;
        double withSum = 0;
        for (int r = 0; r < ROUNDS; r++) {
            chainer.pause();
            double without = round(funds, COMMANDS_PER_ROUND);
            chainer.resume();
            chainer.catchUp();
            double with = round(funds, COMMANDS_PER_ROUND);
            System.out.printf("round %d: %.0f commands/s without the chainer, %.0f with it%n", r + 1, without, with);
            withoutSum += without;
            withSum += with;
        }
        double costPercent = 100 * (withoutSum - withSum) / withoutSum;
        System.out.printf("hash chain cost: %.1f%% of command throughput (%.0f vs %.0f commands/s)%n", costPercent,
                withSum / ROUNDS, withoutSum / ROUNDS);
        assertThat(costPercent, lessThan(10.0));
    }

    /** Sends contributions from several threads; returns commands per second. */
    private double round(List<String> funds, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < count; i += THREADS) {
                    commands.sendAndWait(new RecordContribution(funds.get(i % funds.size()), UUID.randomUUID()
                            .toString(), 100, PayerType.MEMBER, "bench", LocalDate.of(2026, 3, 1), null));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
