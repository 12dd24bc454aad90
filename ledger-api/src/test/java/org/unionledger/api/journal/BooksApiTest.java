package org.unionledger.api.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.pool.AtomicCommands;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.fund.Fund;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.period.AccountingPeriods;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.core.rule.BusinessRuleViolation;

@ApiTest
class BooksApiTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    EventLog events;

    @Autowired
    AtomicCommands atomic;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactionManager;

    private LedgerHttp finance;
    private String run;
    private String orgId;
    private String fundId;
    /** A month that has ended, and the one after it (also ended). */
    private YearMonth closedMonth;
    private YearMonth openMonth;

    @BeforeEach
    void openAFund() {
        finance = LedgerHttp.at(port).as("finance");
        run = UUID.randomUUID().toString().substring(0, 8);
        orgId = "org-" + run;
        fundId = "hardship-" + run;
        closedMonth = YearMonth.now(BooksClock.BOOKS_ZONE).minusMonths(2);
        openMonth = closedMonth.plusMonths(1);
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", orgId, "name", "Hardship fund",
                "fundType", "HARDSHIP"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
    }

    private LedgerHttp.Response contribute(String contributionId, long amountFen, LocalDate on) {
        return finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                "amountFen", amountFen, "payerType", "DONOR", "channel", "bank", "effectiveDate", on.toString()));
    }

    private JsonNode get(String path) {
        var response = finance.get(path);
        assertThat(response.toString(), response.status(), equalTo(200));
        return response.json();
    }

    private int entries() {
        return get("/journal?fundId=" + fundId).get("entries").size();
    }

    /**
     * A command sent inside a transaction its caller began commits with that transaction, never with
     * its events' round trip (setting 81): the caller's rollback takes the command's events with it.
     * A command on its own commits with its events, and the money is there.
     */
    @Test
    void aCommandInsideItsCallersTransactionIsUndoneByTheCallersRollback() {
        long before = events.total();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            commandGateway.sendAndWait(new RecordContribution(fundId, "c-inner-" + run, 5_000, PayerType.DONOR,
                    "bank", openMonth.atDay(15), null, null));
            status.setRollbackOnly();
        });
        assertThat(events.total(), equalTo(before));

        commandGateway.sendAndWait(new RecordContribution(fundId, "c-own-" + run, 5_000, PayerType.DONOR,
                "bank", openMonth.atDay(15), null, null));
        assertThat(events.total(), greaterThan(before));
    }

    /**
     * A close staged in a unit of work counts for the money after it in the same unit of work
     * (ClosedPeriodGuard reads the periods with the staged events), and leaves nothing behind when
     * the two roll back together: the month stays open, and a later close of another month is read
     * for what it is.
     */
    @Test
    void moneyAfterACloseInTheSameUnitOfWorkIsRefusedAndNothingIsStored() {
        assertThat(contribute("c-1", 100_000, closedMonth.atDay(10)).status(), equalTo(201));
        long before = events.total();

        var refused = org.junit.jupiter.api.Assertions.assertThrows(BusinessRuleViolation.class,
                () -> atomic.run(gateway -> {
                    gateway.sendAndWait(CloseAccountingPeriod.of(orgId, closedMonth,
                            LocalDate.now(BooksClock.BOOKS_ZONE), "month-end"));
                    return gateway.sendAndWait(new RecordContribution(fundId, "c-same-" + run, 5_000,
                            PayerType.DONOR, "bank", closedMonth.atDay(15), null, null));
                }));

        assertThat(refused.code(), equalTo("PERIOD_MUST_BE_OPEN"));
        assertThat(events.total(), equalTo(before));
        // The close was rolled back with the money: the month is open. A later close of the month
        // before takes the sequence number the rolled-back close had.
        var earlier = finance.post("/orgs/" + orgId + "/closed-periods",
                Map.of("month", closedMonth.minusMonths(1).toString()));
        assertThat(earlier.toString(), earlier.status(), equalTo(201));
        var c2 = contribute("c-2", 5_000, closedMonth.atDay(15));
        assertThat(c2.toString(), c2.status(), equalTo(201));
    }

    /**
     * The periods are snapshotted like any cached aggregate; a snapshot holds the aggregate's state,
     * not the AccountingPeriodClosed events the guard looks for, so the guard reads every event and
     * never starts from a snapshot.
     */
    @Test
    void aClosedPeriodStillRefusesMoneyAfterThePeriodsWereSnapshotted() {
        // Two closes: Axon stores a snapshot only when it replaces more than one event.
        for (YearMonth month : new YearMonth[] {closedMonth.minusMonths(1), closedMonth}) {
            var closed = finance.post("/orgs/" + orgId + "/closed-periods", Map.of("month", month.toString()));
            assertThat(closed.toString(), closed.status(), equalTo(201));
        }
        String periodsId = AccountingPeriods.idOf(orgId);
        snapshotter.scheduleSnapshot(AccountingPeriods.class, periodsId);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, periodsId) > 0);

        var late = contribute("c-late", 5_000, closedMonth.atDay(15));
        assertThat(late.toString(), late.status(), equalTo(422));
        assertThat(late.json().get("code").asText(), equalTo("PERIOD_MUST_BE_OPEN"));
        assertThat(contribute("c-open", 5_000, openMonth.atDay(15)).status(), equalTo(201));
    }

    /**
     * A node that has not seen the fund yet learns its organisation from the fund's first event,
     * also when the fund has a snapshot (hot funds are snapshotted every few hundred events).
     */
    @Test
    void aFreshNodeFindsTheOrganisationOfASnapshottedFundAndRefusesMoneyInItsClosedPeriod() throws Exception {
        assertThat(contribute("c-1", 100_000, closedMonth.atDay(10)).status(), equalTo(201));
        assertThat(contribute("c-2", 100_000, closedMonth.atDay(11)).status(), equalTo(201));
        snapshotter.scheduleSnapshot(Fund.class, fundId);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, fundId) > 0);
        var closed = finance.post("/orgs/" + orgId + "/closed-periods", Map.of("month", closedMonth.toString()));
        assertThat(closed.toString(), closed.status(), equalTo(201));

        var freshNode = new ClosedPeriodGuard(eventStore, jdbc);
        var late = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(new RecordContribution(fundId,
                "c-late-" + run, 5_000, PayerType.DONOR, "bank", closedMonth.atDay(15), null, null)));
        try {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(BusinessRuleViolation.class,
                    () -> freshNode.handle(late, () -> "handled"));
            assertThat(refused.code(), equalTo("PERIOD_MUST_BE_OPEN"));
        } finally {
            late.rollback();
        }
    }

    /**
     * A command on its own has its period check and its idempotency record sent with its events
     * (docs/PERFORMANCE.md, setting 63): a refusal rolls all of them back, so the id is still free.
     */
    @Test
    void refusedMoneyLeavesNoRecordOfItsIdWhichAnOpenPeriodThenAccepts() {
        var closed = finance.post("/orgs/" + orgId + "/closed-periods", Map.of("month", closedMonth.toString()));
        assertThat(closed.toString(), closed.status(), equalTo(201));
        long before = events.total();

        var late = contribute("c-late", 5_000, closedMonth.atDay(15));
        assertThat(late.toString(), late.status(), equalTo(422));
        assertThat(late.json().get("code").asText(), equalTo("PERIOD_MUST_BE_OPEN"));
        assertThat(events.total(), equalTo(before));

        var onTime = contribute("c-late", 5_000, openMonth.atDay(15));
        assertThat(onTime.toString(), onTime.status(), equalTo(201));
        assertThat(onTime.header("Idempotent-Replayed"), equalTo("false"));
        assertThat(events.total(), greaterThan(before));
    }

    @Test
    void aClosedPeriodRefusesMoneyDatedInsideItAndCorrectionsAreReversalsInAnOpenPeriod() {
        assertThat(contribute("c-1", 100_000, closedMonth.atDay(10)).status(), equalTo(201));
        commandGateway.sendAndWait(new ReserveFunds(fundId, "g-1", 30_000, ReservationPurpose.HARDSHIP_GRANT, "case-1"));
        commandGateway.sendAndWait(new DisburseReservation(fundId, "g-1", "PAY-" + run, closedMonth.atDay(20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries() == 3);

        var closed = finance.post("/orgs/" + orgId + "/closed-periods", Map.of("month", closedMonth.toString(),
                "note", "month-end"));
        assertThat(closed.toString(), closed.status(), equalTo(201));
        assertThat(closed.json().get("closedThrough").asText(), equalTo(closedMonth.atEndOfMonth().toString()));

        long before = events.total();
        var late = contribute("c-late", 5_000, closedMonth.atDay(15));
        assertThat(late.toString(), late.status(), equalTo(422));
        assertThat(late.json().get("code").asText(), equalTo("PERIOD_MUST_BE_OPEN"));
        assertThat(late.json().get("detail").asText(), equalTo("the books of " + orgId + " are closed through "
                + closedMonth.atEndOfMonth() + ": money dated " + closedMonth.atDay(15)
                + " must be booked as a correction dated in an open period"));
        var returnedInClosed = org.junit.jupiter.api.Assertions.assertThrows(BusinessRuleViolation.class,
                () -> commandGateway.sendAndWait(new ReturnPayment(fundId, "g-1", "RET-" + run,
                        closedMonth.atEndOfMonth())));
        assertThat(returnedInClosed.code(), equalTo("PERIOD_MUST_BE_OPEN"));
        assertThat(events.total(), equalTo(before));
        assertThat(finance.post("/orgs/" + orgId + "/closed-periods", Map.of("month", closedMonth.toString()))
                .json().get("code").asText(), equalTo("PERIOD_ALREADY_CLOSED"));

        // The correction: the bank returned the grant; booked as a reversal in the open month.
        commandGateway.sendAndWait(new ReturnPayment(fundId, "g-1", "RET-" + run, openMonth.atDay(3)));
        assertThat(contribute("c-2", 5_000, openMonth.atDay(4)).status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries() == 5);

        JsonNode closedBooks = get("/trial-balance?orgId=" + orgId + "&from=" + closedMonth.atDay(1) + "&to="
                + closedMonth.atEndOfMonth()).get("trialBalance");
        JsonNode openBooks = get("/trial-balance?orgId=" + orgId + "&from=" + openMonth.atDay(1) + "&to="
                + openMonth.atEndOfMonth());
        assertThat(openBooks.get("closedThrough").asText(), equalTo(closedMonth.atEndOfMonth().toString()));
        Map<String, Long> closing = new HashMap<>();
        closedBooks.get("lines").forEach(l -> closing.put(l.get("account").asText(), l.get("closingFen").asLong()));
        openBooks.get("trialBalance").get("lines").forEach(l -> assertThat(l.get("account").asText(),
                l.get("openingFen").asLong(), equalTo(closing.getOrDefault(l.get("account").asText(), 0L))));
        assertThat(closedBooks.get("closingTotalFen").asLong(), equalTo(0L));
        assertThat(openBooks.get("trialBalance").get("closingTotalFen").asLong(), equalTo(0L));
        assertThat(closing.get("Expenses:" + fundId + ":Payouts:HardshipGrant"), equalTo(30_000L));
        // The reservation is dated the day it was recorded, the payment on its paidOn: cash is their sum.
        assertThat(closing.get("Assets:" + fundId + ":Cash:Available")
                + closing.getOrDefault("Assets:" + fundId + ":Cash:Reserved", 0L), equalTo(70_000L));
    }

    @Test
    void balancesAsOfADateAndAsRecordedAtAMoment() {
        Instant beforeAnything = Instant.now();
        contribute("c-1", 10_000, closedMonth.atDay(10));
        contribute("c-2", 2_500, openMonth.atDay(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries() == 2);

        assertThat(get("/funds/" + fundId + "/balance?asOf=" + closedMonth.atEndOfMonth()).get("availableFen")
                .asLong(), equalTo(10_000L));
        assertThat(get("/funds/" + fundId + "/balance?asOf=" + openMonth.atEndOfMonth()).get("availableFen")
                .asLong(), equalTo(12_500L));
        assertThat(get("/funds/" + fundId + "/balance?recordedAt=" + beforeAnything).get("availableFen").asLong(),
                equalTo(0L));
        assertThat(get("/funds/" + fundId + "/balance?recordedAt=" + Instant.now()).get("inFen").asLong(),
                equalTo(12_500L));
        assertThat(get("/funds/" + fundId + "/balance").get("availableFen").asLong(), equalTo(12_500L));
        assertThat(finance.get("/funds/no-such-" + run + "/balance?asOf=2026-01-01").status(), equalTo(404));
    }

    @Test
    void exportsTheBooksAsCsvXlsxAndABeancountFileThatBeanCheckAccepts() throws Exception {
        contribute("c-1", 123_456, closedMonth.atDay(10));
        commandGateway.sendAndWait(new ReserveFunds(fundId, "g-1", 23_456, ReservationPurpose.HARDSHIP_GRANT, "c"));
        commandGateway.sendAndWait(new DisburseReservation(fundId, "g-1", "PAY-" + run, closedMonth.atDay(11)));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries() == 3);

        var csv = finance.get("/exports/journal.csv?fundId=" + fundId);
        assertThat(csv.status(), equalTo(200));
        assertThat(csv.contentType(), startsWith("text/csv"));
        assertThat(csv.body(), startsWith("date,recorded_at,entry_id"));
        assertThat(csv.body(), containsString("Assets:" + fundId + ":Cash:Available,1234.56,,123456"));
        var trial = finance.get("/exports/trial-balance.csv?fundId=" + fundId).body();
        assertThat(trial, containsString("Total,,0.00,1703.68,1703.68,0.00"));
        assertThat(finance.get("/exports/payouts.csv?fundId=" + fundId).body(), containsString("PAY-" + run));
        assertThat(finance.get("/exports/reconciliation.csv?fundId=" + fundId + "&month=" + closedMonth).body(),
                containsString("LEDGER_ENTRY_UNMATCHED"));

        byte[] xlsx = finance.getBytes("/exports/trial-balance.xlsx?fundId=" + fundId);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue(), equalTo("account"));
            assertThat(sheet.getRow(sheet.getLastRowNum()).getCell(5).getNumericCellValue(), equalTo(0.0));
        }

        var beancount = finance.get("/exports/journal.beancount");
        assertThat(beancount.status(), equalTo(200));
        String bookName = "Assets:Hardship-" + run + ":Cash:Available";
        assertThat(beancount.body(), containsString(bookName + "  1234.56 CNY"));
        assertThat(beancount.body(), containsString(" balance " + bookName + "  1000.00 CNY"));
        beanCheck(beancount.body());
    }

    /** Runs bean-check when it is installed (Debian package beancount); the file asserts every balance. */
    private static void beanCheck(String beancount) throws IOException, InterruptedException {
        Path checker = Path.of("/usr/bin/bean-check");
        if (!Files.isExecutable(checker)) {
            System.err.println("bean-check is not installed: the Beancount file was not checked");
            return;
        }
        Path file = Files.createTempFile("journal", ".beancount");
        Files.writeString(file, beancount);
        Process process = new ProcessBuilder(checker.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat("bean-check finished", process.waitFor(120, TimeUnit.SECONDS), equalTo(true));
        assertThat("bean-check said: " + output, process.exitValue(), equalTo(0));
        Files.deleteIfExists(file);
    }
}
