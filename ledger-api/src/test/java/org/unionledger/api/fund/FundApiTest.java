package org.unionledger.api.fund;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;

@ApiTest
class FundApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private String fundId;

    @BeforeEach
    void openAFund() {
        finance = LedgerHttp.at(port).as("finance");
        fundId = "fund-" + UUID.randomUUID();
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "City general fund",
                "fundType", "GENERAL"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
    }

    private Map<String, Object> contribution(String id, Object amountFen) {
        return Map.of("contributionId", id, "amountFen", amountFen, "payerType", "MEMBER", "channel", "counter",
                "effectiveDate", "2026-03-01");
    }

    private long availableFen() {
        var balance = finance.get("/funds/" + fundId + "/balance");
        return balance.status() == 200 ? balance.json().get("availableFen").asLong() : -1;
    }

    @Test
    void contributionShowsInTheBalance() {
        var recorded = finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 12_345));

        assertThat(recorded.toString(), recorded.status(), equalTo(201));
        assertThat(recorded.json().get("amountFen").asLong(), equalTo(12_345L));
        await().atMost(Duration.ofSeconds(10)).until(() -> availableFen() == 12_345);
        var balance = finance.get("/funds/" + fundId + "/balance").json();
        assertThat(balance.get("inFen").asLong(), equalTo(12_345L));
        assertThat(balance.get("reservedFen").asLong(), equalTo(0L));
    }

    @Test
    void retryWithTheSameIdAndBodyIsAnsweredOnceAndWritesNothing() {
        finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 500));
        long eventsAfterFirst = events.countFor(fundId);

        var retry = finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 500));

        assertThat(retry.status(), equalTo(201));
        assertThat(retry.header("Idempotent-Replayed"), equalTo("true"));
        assertThat(retry.json().get("contributionId").asText(), equalTo("c-1"));
        assertThat(events.countFor(fundId), equalTo(eventsAfterFirst));
        finance.post("/funds/" + fundId + "/contributions", contribution("c-2", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> availableFen() == 501);
    }

    @Test
    void sameIdWithAnotherBodyIsAConflict() {
        finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 500));
        long before = events.total();

        var reused = finance.post("/funds/" + fundId + "/contributions", contribution("c-1", 600));

        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(events.total(), equalTo(before));
    }

    @Test
    void eventsCarryWhoAndWhy() {
        var recorded = finance.send(finance.request("/funds/" + fundId + "/contributions")
                .header("Content-Type", "application/json").header("X-Correlation-Id", "corr-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"contributionId\":\"c-9\",\"amountFen\":100,\"payerType\":\"EMPLOYER\"}")));
        assertThat(recorded.toString(), recorded.status(), equalTo(201));

        String metadata = events.lastMetadataOf(fundId);
        assertThat(metadata, containsString("\"principal\":\"finance\""));
        assertThat(metadata, containsString("\"roles\":\"FINANCE_OFFICER\""));
        assertThat(metadata, containsString("\"correlationId\":\"corr-42\""));
        assertThat(metadata, containsString("\"idempotencyKey\":\"RecordContribution:" + fundId + ":c-9\""));
        assertThat(metadata, containsString("\"causationId\""));
    }

    @Test
    void refusesNegativeAndZeroAmountsWithARuleCode() {
        assertRefusedWithoutEvents(() -> finance.post("/funds/" + fundId + "/contributions", contribution("c-n", -1)),
                422, "AMOUNT_MUST_BE_POSITIVE");
        assertRefusedWithoutEvents(() -> finance.post("/funds/" + fundId + "/contributions", contribution("c-z", 0)),
                422, "AMOUNT_MUST_BE_POSITIVE");
    }

    @Test
    void refusesFractionalAndOverflowingAmounts() {
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-f\",\"amountFen\":12.5,\"payerType\":\"MEMBER\"}"), 400,
                "FIELD_TYPE_MISMATCH");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-o\",\"amountFen\":99999999999999999999999,\"payerType\":\"MEMBER\"}"), 400,
                "NUMBER_OUT_OF_RANGE");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-s\",\"amountFen\":\"100\",\"payerType\":\"MEMBER\"}"), 400,
                "FIELD_TYPE_MISMATCH");
        assertRefusedWithoutEvents(() -> finance.post("/funds/" + fundId + "/contributions",
                contribution("c-big", 1_000_000_000_001L)), 422, "AMOUNT_MUST_NOT_EXCEED_LIMIT");
    }

    @Test
    void refusesAnUnknownFund() {
        assertRefusedWithoutEvents(() -> finance.post("/funds/no-such-fund/contributions", contribution("c-u", 100)), 404,
                "TARGET_MUST_EXIST");
        assertProblem(finance.get("/funds/no-such-fund/balance"), 404, "FUND_MUST_EXIST");
    }

    @Test
    void refusesMalformedMissingAndOversizeBodies() {
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions", "{\"contributionId\":"),
                400, "MALFORMED_JSON");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions", "{\"amountFen\":100}"),
                400, "REQUEST_FIELDS_INVALID");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions", ""), 400,
                "BODY_UNREADABLE");
        String huge = "{\"contributionId\":\"c-h\",\"amountFen\":1,\"payerType\":\"MEMBER\",\"memo\":\""
                + "x".repeat(300_000) + "\"}";
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions", huge), 413,
                "BODY_TOO_LARGE");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c p/\",\"amountFen\":1,\"payerType\":\"MEMBER\"}"), 422,
                "ID_MUST_BE_WELL_FORMED");
        assertRefusedWithoutEvents(() -> finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-e\",\"amountFen\":1,\"payerType\":\"NOBODY\"}"), 400,
                "FIELD_TYPE_MISMATCH");
    }

    @Test
    void asksForCredentialsAndRoles() {
        assertProblem(LedgerHttp.at(port).anonymous().get("/funds/" + fundId + "/balance"), 401,
                "AUTHENTICATION_REQUIRED");
        assertProblem(LedgerHttp.at(port).withPassword("finance", "wrong").get("/funds/" + fundId + "/balance"), 401,
                "AUTHENTICATION_REQUIRED");
        assertRefusedWithoutEvents(() -> LedgerHttp.at(port).as("member")
                .post("/funds/" + fundId + "/contributions", contribution("c-m", 100)), 403, "ROLE_NOT_PERMITTED");
        assertThat(LedgerHttp.at(port).anonymous().get("/actuator/health").status(), equalTo(200));
    }

    private void assertRefusedWithoutEvents(Supplier<LedgerHttp.Response> request, int status, String code) {
        long before = events.total();
        assertProblem(request.get(), status, code);
        assertThat("no event may be written by a refused request", events.total(), equalTo(before));
    }

    static void assertProblem(LedgerHttp.Response response, int status, String code) {
        assertThat(response.toString(), response.status(), equalTo(status));
        assertThat(response.contentType(), startsWith("application/problem+json"));
        assertThat(response.toString(), response.json().get("code").asText(), equalTo(code));
    }
}
