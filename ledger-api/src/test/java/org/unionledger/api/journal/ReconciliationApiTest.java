package org.unionledger.api.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.ReservationPurpose;

@ApiTest
class ReconciliationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    EventLog events;

    @Autowired
    org.unionledger.api.audit.BankStatementLines bankLines;

    private LedgerHttp finance;
    private String fundId;
    private String run;
    private YearMonth month;

    @BeforeEach
    void openAFund() {
        finance = LedgerHttp.at(port).as("finance");
        run = UUID.randomUUID().toString().substring(0, 8);
        fundId = "pool-" + run;
        month = YearMonth.now(BooksClock.BOOKS_ZONE).minusMonths(1);
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "Mutual-aid pool",
                "fundType", "MUTUAL_AID_POOL"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
    }

    private LocalDate day(int dayOfMonth) {
        return month.atDay(dayOfMonth);
    }

    private void contribute(String contributionId, long amountFen, LocalDate on) {
        var recorded = finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                "amountFen", amountFen, "payerType", "EMPLOYER", "channel", "bank", "effectiveDate", on.toString()));
        assertThat(recorded.toString(), recorded.status(), equalTo(201));
    }

    private void pay(String reservationId, long amountFen, String paymentReference, LocalDate on) {
        commandGateway.sendAndWait(new ReserveFunds(fundId, reservationId, amountFen, ReservationPurpose.CLAIM_PAYOUT,
                "claim-" + reservationId));
        commandGateway.sendAndWait(new DisburseReservation(fundId, reservationId, paymentReference, on));
    }

    private com.fasterxml.jackson.databind.JsonNode reconciliation() {
        var response = finance.get("/funds/" + fundId + "/reconciliation?month=" + month);
        assertThat(response.toString(), response.status(), equalTo(200));
        return response.json();
    }

    @Test
    void matchesTheStatementListsExceptionsAndReconcilesOnceTheyAreResolved() {
        contribute("rcpt-" + run, 250_000, day(2));
        pay("r1", 60_000, "PAY-" + run, day(5));
        pay("r2", 40_000, "PAY2-" + run, day(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/journal?fundId=" + fundId).json()
                .get("entries").size() == 5);

        String csv = "date,amount,reference,counterparty\n"
                + day(3) + ",\"2,500.00\",rcpt-" + run + ",Employer Ltd\n"
                + day(6) + ",-600.00,PAY-" + run + ",Member A\n"
                + day(20) + ",-15.00,FEE,Bank\n";
        var imported = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=st-" + run, "file",
                "march.csv", csv);
        assertThat(imported.toString(), imported.status(), equalTo(201));
        assertThat(imported.json().get("lineCount").asInt(), equalTo(3));

        await().atMost(Duration.ofSeconds(10)).until(() -> reconciliation().get("bankLineCount").asInt() == 3);
        var open = reconciliation();
        assertThat(open.get("status").asText(), equalTo("EXCEPTIONS_OPEN"));
        assertThat(open.get("matchedCount").asInt(), equalTo(2));
        assertThat(open.get("unmatchedBankLines").size(), equalTo(1));
        assertThat(open.get("unmatchedBankLines").get(0).get("reference").asText(), equalTo("FEE"));
        assertThat(open.get("unmatchedBankLines").get(0).get("amountFen").asLong(), equalTo(-1_500L));
        assertThat(open.get("unmatchedLedgerEntries").size(), equalTo(1));
        assertThat(open.get("unmatchedLedgerEntries").get(0).get("reference").asText(), equalTo("PAY2-" + run));

        String bankException = open.get("unmatchedBankLines").get(0).get("exceptionId").asText();
        String ledgerException = open.get("unmatchedLedgerEntries").get(0).get("exceptionId").asText();
        var resolved = finance.post("/funds/" + fundId + "/reconciliation/resolutions", Map.of("month",
                month.toString(), "exceptionId", bankException, "note", "bank fee, booked next month"));
        assertThat(resolved.toString(), resolved.status(), equalTo(201));
        finance.post("/funds/" + fundId + "/reconciliation/resolutions", Map.of("month", month.toString(),
                "exceptionId", ledgerException, "note", "paid on the last day, on next month's statement"));

        await().atMost(Duration.ofSeconds(10)).until(() -> reconciliation().get("status").asText()
                .equals("RECONCILED"));
        var done = reconciliation();
        assertThat(done.get("unmatchedBankLines").get(0).get("resolution").get("note").asText(),
                equalTo("bank fee, booked next month"));
        assertThat(done.get("unmatchedBankLines").get(0).get("resolution").get("resolvedBy").asText(),
                equalTo("finance"));

        var traced = finance.get("/bank-lines?paymentReference=PAY-" + run).json().get("lines");
        assertThat(traced.size(), equalTo(1));
        assertThat(traced.get(0).get("amountFen").asLong(), equalTo(-60_000L));
        var forAudit = bankLines.forPayout(fundId, "r1", "PAY-" + run).orElseThrow();
        assertThat(forAudit.statementId(), equalTo("st-" + run));
        assertThat(forAudit.bookedOn(), equalTo(day(6)));
    }

    @Test
    void reimportingAStatementRecordsNothing() {
        String csv = "date,amount,reference,counterparty\n" + day(3) + ",12.34,X-" + run + ",Someone\n";
        var first = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=st-" + run, "file", "s.csv",
                csv);
        assertThat("a fund opened a moment ago takes a statement at once: " + first, first.status(), equalTo(201));
        long before = events.countMentioning(fundId);

        var again = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=st-" + run, "file", "s.csv",
                csv);

        assertThat(again.status(), equalTo(201));
        assertThat(events.countMentioning(fundId), equalTo(before));
    }

    @Test
    void refusesAMalformedStatementAndAResolutionWithoutNote() {
        var malformed = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=bad-" + run, "file",
                "s.csv", "date,amount,reference\nyesterday,12,X\n");
        assertThat(malformed.toString(), malformed.status(), equalTo(422));
        assertThat(malformed.json().get("code").asText(), equalTo("BANK_STATEMENT_MALFORMED"));
        var fractional = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=bad2-" + run, "file",
                "s.csv", "date,amount,reference\n" + day(1) + ",1.234,X\n");
        assertThat(fractional.json().get("code").asText(), equalTo("BANK_STATEMENT_MALFORMED"));

        var noNote = finance.post("/funds/" + fundId + "/reconciliation/resolutions", Map.of("month",
                month.toString(), "exceptionId", "ledger:x", "note", " "));
        assertThat(noNote.status(), equalTo(400));
        var auditor = LedgerHttp.at(port).as("auditor").post("/funds/" + fundId + "/reconciliation/resolutions",
                Map.of("month", month.toString(), "exceptionId", "ledger:x", "note", "mine"));
        assertThat(auditor.status(), equalTo(403));
        assertThat(finance.get("/funds/no-such-" + run + "/reconciliation?month=" + month).status(), equalTo(404));
    }
}
