package org.unionledger.api.audit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.unionledger.api.support.JsonMatchers.hasText;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * A payout traced end to end: a fund, two contributions, an earlier reservation, the payout
 * reserved and disbursed over the API, then the auditor's trace, chain verification and digests.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {

    @LocalServerPort
    int port;

    private LedgerHttp finance;
    private LedgerHttp auditor;
    private String fundId;
    private String reservationId;
    private String correlationId;

    /** Once for the class: no test changes the scenario (retries and refusals record nothing). */
    @BeforeAll
    void aPaidReservation() {
        finance = LedgerHttp.at(port).as("finance");
        auditor = LedgerHttp.at(port).as("auditor");
        fundId = "fund-" + UUID.randomUUID();
        reservationId = "payout-" + UUID.randomUUID();
        correlationId = "corr-" + UUID.randomUUID();
        created(finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "Mutual aid pool",
                "fundType", "MUTUAL_AID_POOL")));
        created(finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 300)));
        created(finance.post("/funds/" + fundId + "/contributions", contribution("c-2", 500)));
        created(finance.post("/funds/" + fundId + "/reservations", Map.of("reservationId", "earlier-" + reservationId,
                "amountFen", 200, "purpose", "CLAIM_PAYOUT", "reference", "claim-earlier")));
        created(withCorrelation(finance, "/funds/" + fundId + "/reservations", Map.of("reservationId", reservationId,
                "amountFen", 600, "purpose", "CLAIM_PAYOUT", "reference", "claim-" + reservationId)));
        created(withCorrelation(finance, "/funds/" + fundId + "/contributions", contribution("c-3", 50)));
        created(finance.post("/funds/" + fundId + "/reservations/" + reservationId + "/disbursements",
                Map.of("paymentReference", "BANK-777", "paidOn", "2026-03-05")));
    }

    @Test
    void traceOfAPaidReservationListsEveryPart() {
        JsonNode trace = chainedTrace();

        assertThat(trace.get("status").asText(), equalTo("DISBURSED"));
        assertThat(trace.get("amountFen").asLong(), equalTo(600L));
        assertThat(trace.get("reference").asText(), equalTo("claim-" + reservationId));
        assertThat(trace.get("paymentReference").asText(), equalTo("BANK-777"));
        assertThat(trace.get("fund").get("name").asText(), equalTo("Mutual aid pool"));
        assertThat("not reconciled yet", trace.has("bankStatementLine"), is(false));
        assertThat(types(trace.get("payoutEvents")), equalTo(List.of("FundsReserved", "ReservationDisbursed")));
        for (JsonNode event : trace.get("payoutEvents")) {
            assertThat(event.get("chainPosition").asLong() > 0, is(true));
            assertThat(event.get("chainHash").asText().length(), equalTo(64));
            assertThat(event.get("who").get("principal").asText(), equalTo("finance"));
        }
        assertThat("events of the same request are related", types(trace.get("relatedEvents")),
                hasItem("ContributionRecorded"));
        JsonNode disbursed = trace.get("decisions").get(trace.get("decisions").size() - 1);
        assertThat(disbursed.get("eventType").asText(), equalTo("ReservationDisbursed"));
        assertThat(disbursed.get("principal").asText(), equalTo("finance"));
        assertThat(disbursed.get("roles").asText(), equalTo("FINANCE_OFFICER"));
        assertThat(disbursed.get("orgId").asText(), equalTo("city"));
        assertThat(disbursed, hasText("at"));
        assertThat(disbursed.get("idempotencyKey").asText(),
                equalTo("DisburseReservation:" + fundId + ":" + reservationId));
        assertThat(disbursed, hasText("correlationId"));
        assertThat(disbursed, hasText("causationId"));
        JsonNode funding = trace.get("funding");
        assertThat(funding.get("rule").asText(), startsWith("FIFO per fund"));
        assertThat(funding.get("attributedFen").asLong(), equalTo(600L));
        JsonNode sources = funding.get("sources");
        assertThat(sources.size(), equalTo(2));
        assertThat("the earlier reservation took 200 of c-1", sources.get(0).get("sourceId").asText(), equalTo("c-1"));
        assertThat(sources.get(0).get("attributedFen").asLong(), equalTo(100L));
        assertThat(sources.get(1).get("sourceId").asText(), equalTo("c-2"));
        assertThat(sources.get(1).get("attributedFen").asLong(), equalTo(500L));
        assertThat(sources.get(1).get("chainPosition").asLong() > 0, is(true));
    }

    @Test
    void traceIsAlsoAPrintablePage() {
        chainedTrace();

        var page = auditor.get("/audit/payouts/" + reservationId + "/trace.html");

        assertThat(page.status(), equalTo(200));
        assertThat(page.contentType(), startsWith("text/html"));
        assertThat(page.body(), containsString(reservationId));
        assertThat(page.body(), containsString("FIFO per fund"));
        assertThat(page.body(), containsString("not reconciled"));
        assertThat(page.body(), containsString("BANK-777"));
    }

    @Test
    void unknownPayoutIsNotFound() {
        var missing = auditor.get("/audit/payouts/no-such-payout/trace");

        assertThat(missing.status(), equalTo(404));
        assertThat(missing.json().get("code").asText(), equalTo("PAYOUT_MUST_EXIST"));
    }

    @Test
    void auditorSeesTheChainIntact() {
        chainedTrace();

        JsonNode verification = auditor.get("/audit/chain/verification").json();

        assertThat(verification.toString(), verification.get("intact").asBoolean(), is(true));
        assertThat(verification.get("chainedEvents").asLong() >= 7, is(true));
        assertThat(verification.get("headHash").asText().length(), equalTo(64));
    }

    @Test
    void digestsAreExportedAsJsonCsvAndAPrintablePage() {
        chainedTrace();

        var json = auditor.get("/audit/digests?from=2026-01&to=2026-02");
        var csv = auditor.get("/audit/digests?from=2026-01&to=2026-02&format=csv");
        var page = auditor.get("/audit/digests.html?from=2026-01&to=2026-02");

        assertThat(json.toString(), json.status(), equalTo(200));
        assertThat(json.json().size(), equalTo(2));
        assertThat(json.json().get(0).get("period").asText(), equalTo("2026-01"));
        assertThat(json.json().get(0).get("headHash").asText().length(), equalTo(64));
        assertThat(csv.contentType(), startsWith("text/csv"));
        assertThat(csv.body(), startsWith("period,period_end,chain_position,last_global_index,head_hash,settled\n"
                + "2026-01,"));
        assertThat(page.body(), containsString("2026-02"));
        assertThat(auditor.get("/audit/digests?from=2026-03&to=2026-01").status(), equalTo(400));
    }

    @Test
    void auditorReadsButNeverWrites() {
        assertThat(auditor.get("/funds/" + fundId + "/balance").status(), equalTo(200));
        refused(auditor.post("/funds", Map.of("fundId", "f-" + UUID.randomUUID(), "orgId", "city", "name", "x",
                "fundType", "GENERAL")));
        refused(auditor.post("/funds/" + fundId + "/contributions", contribution("c-a", 1)));
        refused(auditor.post("/funds/" + fundId + "/reservations", Map.of("reservationId", "r-a", "amountFen", 1,
                "purpose", "OTHER")));
        refused(auditor.post("/funds/" + fundId + "/reservations/" + reservationId + "/disbursements",
                Map.of("paymentReference", "X")));
        refused(auditor.send(auditor.request("/audit/chain/verification").DELETE()));
        refused(auditor.send(auditor.request("/audit/digests").PUT(HttpRequest.BodyPublishers.ofString("{}"))));
    }

    @Test
    void onlyAuditorsAndAdminsReadTheAuditTrail() {
        assertThat(LedgerHttp.at(port).as("admin").get("/audit/payouts/" + reservationId + "/trace").status(),
                equalTo(200));
        assertThat(finance.get("/audit/payouts/" + reservationId + "/trace").status(), equalTo(403));
        assertThat(LedgerHttp.at(port).as("member").get("/audit/chain/verification").status(), equalTo(403));
        assertThat(LedgerHttp.at(port).anonymous().get("/audit/digests").status(), equalTo(401));
    }

    @Test
    void payoutsAreIdempotentOnTheirIds() {
        var again = finance.post("/funds/" + fundId + "/reservations/" + reservationId + "/disbursements",
                Map.of("paymentReference", "BANK-777", "paidOn", "2026-03-05"));
        var reused = finance.post("/funds/" + fundId + "/reservations/" + reservationId + "/disbursements",
                Map.of("paymentReference", "BANK-OTHER", "paidOn", "2026-03-05"));

        assertThat(again.header("Idempotent-Replayed"), equalTo("true"));
        assertThat(reused.status(), equalTo(409));
        var beyond = finance.post("/funds/" + fundId + "/reservations", Map.of("reservationId", "r-big",
                "amountFen", 1_000_000, "purpose", "OTHER"));
        assertThat(beyond.status(), equalTo(422));
    }

    private JsonNode chainedTrace() {
        List<JsonNode> latest = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var response = auditor.get("/audit/payouts/" + reservationId + "/trace");
            if (response.status() != 200) {
                return false;
            }
            latest.clear();
            latest.add(response.json());
            JsonNode sources = response.json().get("funding").get("sources");
            return allChained(response.json().get("payoutEvents")) && allChained(sources);
        });
        return latest.get(0);
    }

    private static boolean allChained(JsonNode events) {
        for (JsonNode event : events) {
            if (!event.hasNonNull("chainPosition")) {
                return false;
            }
        }
        return true;
    }

    private LedgerHttp.Response withCorrelation(LedgerHttp http, String path, Object body) {
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
            return http.send(http.request(path).header("Content-Type", "application/json")
                    .header("X-Correlation-Id", correlationId).POST(HttpRequest.BodyPublishers.ofString(json)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("eventType").asText()));
        return types;
    }

    private static Map<String, Object> contribution(String id, long amountFen) {
        return Map.of("contributionId", id, "amountFen", amountFen, "payerType", "MEMBER", "channel", "bank",
                "effectiveDate", "2026-03-01");
    }

    private static void created(LedgerHttp.Response response) {
        assertThat(response.toString(), response.status(), equalTo(201));
    }

    private static void refused(LedgerHttp.Response response) {
        assertThat(response.toString(), response.status(), equalTo(403));
    }
}
