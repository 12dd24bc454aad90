package org.unionledger.api.bench;

import java.time.Duration;

/**
 * How big and how long each figure's runs are. {@code full} is the city-year;
 * {@code quick} finishes in a few minutes; {@code tiny} only proves the harness works (smoke test).
 *
 * @param name              full, quick or tiny
 * @param cityYearScale     fraction of the city-year (550,000 members) bulk-loaded before P1
 * @param clients           concurrent HTTP clients (P1) and raw connections
 * @param funds             funds the P1 clients spread over
 * @param hotFunds          of which this many receive {@link #HOT_SHARE} of the commands
 * @param rounds            alternating raw/ledger rounds of P1 and P4
 * @param p1Round           length of one P1 run
 * @param warmUpMax         how long P1's warm-up may go on waiting for the JIT to settle
 * @param p4Round           length of one P4 run
 * @param p5Samples         command-to-visible samples
 * @param p3Rounds          alternating raw-read/replay rounds
 * @param p6Events          events bulk-loaded into the hot fund
 * @param p6Samples         commands on each of the hot and the fresh fund
 * @param p2Rows            rows of one bulk import (P2, when the enrolment import exists)
 * @param catchUpMax        how long to wait for projections at most before giving up
 */
public record BenchSizes(String name, double cityYearScale, int clients, int funds, int hotFunds, int rounds,
                         Duration p1Round, Duration warmUpMax, Duration p4Round, int p5Samples, int p3Rounds, int p6Events,
                         int p6Samples, int p2Rows, Duration catchUpMax) {

    /** Share of P1's commands that go to the hot funds. */
    public static final double HOT_SHARE = 0.3;
    /** Portal requests per second in P4. */
    public static final int P4_REQUESTS_PER_SECOND = 200;

    public static BenchSizes full() {
        return new BenchSizes("full", 1.0, 16, 2_000, 8, 3, Duration.ofSeconds(30), Duration.ofSeconds(120),
                Duration.ofSeconds(30), 500, 3,
                1_000_000, 2_000, 100_000, Duration.ofMinutes(30));
    }

    public static BenchSizes quick() {
        return new BenchSizes("quick", 0.1, 16, 400, 8, 3, Duration.ofSeconds(8), Duration.ofSeconds(60),
                Duration.ofSeconds(10), 200, 2,
                200_000, 1_000, 20_000, Duration.ofMinutes(5));
    }

    public static BenchSizes tiny() {
        return new BenchSizes("tiny", 0.002, 4, 20, 2, 1, Duration.ofMillis(1500), Duration.ofMillis(1500),
                Duration.ofMillis(1500), 10, 1,
                2_000, 30, 150, Duration.ofMinutes(5));
    }

    public static BenchSizes fromArguments(String... args) {
        BenchSizes sizes = full();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> sizes = quick();
                case "--tiny" -> sizes = tiny();
                case "--full" -> sizes = full();
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --quick, --tiny or nothing for the full run)");
            }
        }
        return sizes;
    }
}
