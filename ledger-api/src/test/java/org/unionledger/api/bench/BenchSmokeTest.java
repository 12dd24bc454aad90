package org.unionledger.api.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.support.ApiTest;

/**
 * The benchmark harness runs end to end, at tiny sizes, against the shared test ledger: every
 * figure is printed, measured or marked not-measured (the portal's claims page too: the city-year has
 * claims). The numbers themselves mean nothing here. P3's reset dropped the journal's secondary
 * indexes; the replay's end built them again.
 */
@ApiTest
@Order(Integer.MAX_VALUE)
class BenchSmokeTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext app;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void printsEveryFigureOfATinyRun() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Figures figures = new Figures(new PrintStream(printed, true, StandardCharsets.UTF_8));

        new BenchRun(app, "http://localhost:" + port, BenchSizes.tiny(), BenchFigures.all(), figures).run();

        for (String figure : new String[] {"P1.ratio", "P1.commands_per_s", "P1.p99_ms", "P3.ratio", "P4.p99_ms",
                "P4.raw_p99_ms", "P5.p99_ms", "P6.ratio", "P2.ratio", "P2.events_per_s", "P4.coverage_p99_ms", "P4.payouts_p99_ms"}) {
            assertThat(printed.toString(StandardCharsets.UTF_8), figures.values(), hasKey(figure));
        }
        // Two primary keys and the entries' three secondary indexes (the postings have none since V507).
        assertThat("journal indexes after P3's replays", jdbc.queryForObject("SELECT count(*) FROM pg_indexes"
                + " WHERE tablename IN ('journal_entry', 'journal_posting') AND schemaname = current_schema()",
                Integer.class), equalTo(5));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journal_deferred_index", Integer.class), equalTo(0));
    }
}
