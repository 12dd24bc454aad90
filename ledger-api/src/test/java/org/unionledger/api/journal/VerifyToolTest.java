package org.unionledger.api.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.ReservationPurpose;

@ApiTest
class VerifyToolTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private String run;
    private String fundA;
    private String fundB;

    /** A small demo dataset: two funds, contributions, a paid claim, a released one, a returned payment. */
    @BeforeEach
    void demoDataset() {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        run = UUID.randomUUID().toString().substring(0, 8);
        fundA = "verify-a-" + run;
        fundB = "verify-b-" + run;
        LocalDate day = LocalDate.now(BooksClock.BOOKS_ZONE);
        for (String fundId : new String[] {fundA, fundB}) {
            finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "Demo " + fundId,
                    "fundType", "MUTUAL_AID_POOL"));
            finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "c-1", "amountFen", 500_000,
                    "payerType", "MEMBER", "channel", "payroll", "effectiveDate", day.toString()));
            commandGateway.sendAndWait(new ReserveFunds(fundId, "claim-1", 60_000, ReservationPurpose.CLAIM_PAYOUT,
                    "claim-1"));
            commandGateway.sendAndWait(new DisburseReservation(fundId, "claim-1", "PAY-" + fundId, day));
            commandGateway.sendAndWait(new ReserveFunds(fundId, "claim-2", 10_000, ReservationPurpose.CLAIM_PAYOUT,
                    "claim-2"));
            commandGateway.sendAndWait(new ReleaseReservation(fundId, "claim-2", "claim withdrawn"));
            commandGateway.sendAndWait(new ReturnPayment(fundId, "claim-1", "RET-" + fundId, day));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM journal_entry WHERE fund_id IN (?, ?)", Long.class, fundA, fundB) == 12
                && jdbc.queryForObject("SELECT last_sequence FROM fund_balance WHERE fund_id = ?", Long.class,
                fundB) == 6);
    }

    private String verify(int expectedStatus) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return verify(connection, expectedStatus);
        }
    }

    /**
     * Alters rows by hand inside a transaction, verifies inside it, then rolls it back: the other
     * tests sharing this database never see the damage.
     */
    private String verifyAfter(String sql, Object argument, int expectedStatus) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement alter = connection.prepareStatement(sql)) {
                alter.setObject(1, argument);
                assertThat(alter.executeUpdate(), equalTo(1));
                return verify(connection, expectedStatus);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private String verify(Connection connection, int expectedStatus) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Connection borrowed = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.invoke(connection, args));
        int status = VerifyTool.run(() -> borrowed, new PrintStream(out, true, StandardCharsets.UTF_8), 1,
                fundId -> fundId.endsWith(run));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed, status, equalTo(expectedStatus));
        return printed;
    }

    @Test
    void passesOnTheDemoDataset() throws Exception {
        String printed = verify(0);
        assertThat(printed, startsWith("OK: "));
        assertThat(printed, containsString("2 funds, 12 journal entries"));
    }

    /** Allocation policy carries the money from fund A to fund B (sent, then received). */
    private void allocateFromAToB() {
        commandGateway.sendAndWait(new ReserveFunds(fundA, "alloc-1", 50_000, ReservationPurpose.ALLOCATION, fundB));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM journal_entry WHERE fund_id IN (?, ?)", Long.class, fundA, fundB) == 16
                && jdbc.queryForObject("SELECT in_fen FROM fund_balance WHERE fund_id = ?", Long.class,
                fundB) == 550_000);
    }

    @Test
    void passesAfterAnAllocationBetweenTheFunds() throws Exception {
        allocateFromAToB();

        String printed = verify(0);
        assertThat(printed, containsString("2 funds, 16 journal entries"));
    }

    @Test
    void failsWhenTheTargetsEntryOfAnAllocationSentIsDeleted() throws Exception {
        allocateFromAToB();
        String entryId = jdbc.queryForObject("SELECT entry_id FROM journal_entry WHERE fund_id = ? AND event_type = "
                + "'AllocationSent'", String.class, fundB);
        String printed = verifyAfter("DELETE FROM journal_entry WHERE entry_id = ?", entryId, 1);

        assertThat(entryId, containsString(":" + fundB));
        assertThat(printed, containsString("DIFF journal lacks entry " + entryId + " (AllocationSent alloc-1 in "
                + fundB + ")"));
        assertThat(printed, containsString("DIFF journal allocations in transit to " + fundB
                + " are -50000 fen, but the events give 0"));
    }

    @Test
    void failsNamingTheJournalRowAlteredByHand() throws Exception {
        String entryId = jdbc.queryForObject("SELECT entry_id FROM journal_entry WHERE fund_id = ? AND event_type = "
                + "'ReservationDisbursed'", String.class, fundA);
        String printed = verifyAfter("UPDATE journal_posting SET amount_fen = amount_fen + 1 WHERE entry_id = ? "
                + "AND line_no = 1", entryId, 1);

        assertThat(printed, containsString("DIFF journal entry " + entryId + " (ReservationDisbursed claim-1 in "
                + fundA + "): events say [Expenses:" + fundA + ":Payouts:ClaimPayout 60000"));
        assertThat(printed, containsString("journal says [Expenses:" + fundA + ":Payouts:ClaimPayout 60001"));
        assertThat(printed, containsString("DIFF journal account Expenses:" + fundA
                + ":Payouts:ClaimPayout: events say 60000 fen, journal says 60001 fen"));
        assertThat(printed, containsString("DIFF trial balance"));
        assertThat(printed, containsString("FAILED: "));
    }

    @Test
    void failsNamingTheFundBalanceAlteredByHand() throws Exception {
        String printed = verifyAfter("UPDATE fund_balance SET available_fen = available_fen - 100 WHERE fund_id = ?",
                fundB, 1);

        assertThat(printed, containsString("DIFF fund_balance " + fundB + " available_fen: events say 500000, "
                + "fund_balance says 499900"));
    }

    @Test
    void failsWhenAJournalEntryIsDeleted() throws Exception {
        String entryId = jdbc.queryForObject("SELECT entry_id FROM journal_entry WHERE fund_id = ? AND event_type = "
                + "'ContributionRecorded'", String.class, fundB);
        String printed = verifyAfter("DELETE FROM journal_entry WHERE entry_id = ?", entryId, 1);

        assertThat(printed, containsString("DIFF journal lacks entry " + entryId + " (ContributionRecorded c-1 in "
                + fundB + ")"));
        assertThat(printed, containsString("DIFF journal cash of " + fundB));
        assertThat("no foreign key deletes them with it", printed, containsString("DIFF journal has 2 postings "
                + "of entry " + entryId + " but no entry row"));
    }
}
