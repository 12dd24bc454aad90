package org.unionledger.api.hardship;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.support.ApiAssertions.assertProblem;
import static org.unionledger.api.support.ApiAssertions.expect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.metadata.LedgerMetadata;

@ApiTest
class HardshipApiTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private LedgerHttp caseworker;
    private LedgerHttp caseworker2;
    private LedgerHttp auditor;
    private String org;
    private String fundId;
    private String caseId;

    @BeforeEach
    void aHardshipFundOfAFreshOrganisation() {
        finance = LedgerHttp.at(port).as("finance");
        caseworker = LedgerHttp.at(port).as("caseworker");
        caseworker2 = LedgerHttp.at(port).as("caseworker2");
        auditor = LedgerHttp.at(port).as("auditor");
        org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        fundId = org + "-hardship";
        caseId = org + "-hh";
        expect(finance.post("/funds", Map.of("fundId", fundId, "orgId", org, "name", "Hardship fund",
                "fundType", "HARDSHIP")), 201);
    }

    @Test
    void registerVerifyGrantPayAndExitShowInTheStatistics() throws Exception {
        raise("c-own", 300_000, "UNION");
        raise("c-city", 200_000, "HIGHER_LEVEL_UNION");
        raise("c-donor", 100_000, "DONOR");
        raise("c-enterprise", 50_000, "EMPLOYER");
        expect(caseworker.post("/hardship-cases", registration("2025-06-01")), 201);
        awaitCase(view -> view.get("status").asText().equals("REGISTERED"));
        assertThat(register("orgId=" + org + "&status=ACTIVE").get("active").asInt(), equalTo(1));

        assertProblem(caseworker.post(grants(), livingAllowance("g-early", 80_000)), 422, "CASE_MUST_BE_VERIFIED");

        expect(caseworker.post(verifications(), check("CIVIL_AFFAIRS")), 201);
        expect(caseworker2.post(verifications(), check("HOUSING")), 201);
        expect(caseworker.post(verifications(), check("PUBLIC_SECURITY")), 201);
        JsonNode verified = awaitCase(view -> view.get("status").asText().equals("VERIFIED"));
        assertThat(verified.get("checks").get(1).get("checkedBy").asText(), equalTo("caseworker2"));

        expect(caseworker.post(grants(), livingAllowance("g-1", 80_000)), 201);
        assertProblem(caseworker.post(grants() + "/g-1/approvals", Map.of()), 422,
                "APPROVER_MUST_DIFFER_FROM_PROPOSER");
        expect(caseworker2.post(grants() + "/g-1/approvals", Map.of()), 201);
        awaitGrant("g-1", "RESERVED");
        assertThat(balance().get("reservedFen").asLong(), equalTo(80_000L));
        // The hardship policy reserved the money: its command carries who approved, as does the event.
        JsonNode reservedBy = new ObjectMapper().readTree(events.lastMetadataOf(fundId));
        assertThat(reservedBy.path(LedgerMetadata.PRINCIPAL).asText(), equalTo("caseworker2"));
        assertThat(reservedBy.hasNonNull(LedgerMetadata.CORRELATION_ID), equalTo(true));
        JsonNode beforePayment = awaitStatistics(s -> s.get("raisedFen").asLong() == 650_000);
        assertThat(beforePayment.get("spentFen").asLong(), equalTo(0L));
        assertThat(beforePayment.get("assistance").size(), equalTo(0));

        var paid = expect(finance.post(grants() + "/g-1/payments",
                Map.of("paymentReference", "BANK-77", "paidOn", "2026-02-15")), 201);
        assertThat(paid.json().get("amountFen").asLong(), equalTo(80_000L));
        awaitGrant("g-1", "PAID");
        JsonNode stats = awaitStatistics(s -> s.get("spentFen").asLong() == 80_000);
        assertThat(stats.get("raisedFen").asLong(), equalTo(650_000L));
        assertThat(stats.get("raisedBySource").size(), equalTo(4));
        JsonNode assistance = stats.get("assistance").get(0);
        assertThat(assistance.get("type").asText(), equalTo("LIVING_ALLOWANCE"));
        assertThat(assistance.get("month").asText(), equalTo("2026-02"));
        assertThat(assistance.get("count").asLong(), equalTo(1L));
        assertThat(assistance.get("amountFen").asLong(), equalTo(80_000L));

        expect(caseworker.post("/hardship-cases/" + caseId + "/exits",
                Map.of("reason", "EMPLOYMENT_FOUND", "exitedOn", "2026-03-01")), 201);
        awaitCase(view -> view.get("status").asText().equals("EXITED"));
        assertThat(register("orgId=" + org + "&status=EXITED").get("exited").asInt(), equalTo(1));
        JsonNode rate2026 = exitRate(awaitStatistics(s -> exitRateOf(s, 2026) != null), 2026);
        assertThat(rate2026.get("activeAtStart").asLong(), equalTo(1L));
        assertThat(rate2026.get("exitedDuringYear").asLong(), equalTo(1L));
        assertThat(rate2026.get("exitRateBasisPoints").asLong(), equalTo(10_000L));

        long before = events.total();
        assertProblem(caseworker.post(grants(), livingAllowance("g-late", 10_000)), 422, "CASE_MUST_BE_ACTIVE");
        assertThat(events.total(), equalTo(before));
    }

    @Test
    void aGrantTheFundCannotCoverAwaitsFundsUntilMoneyArrives() {
        raise("c-small", 1_000, "UNION");
        verifiedCase();
        expect(caseworker.post(grants(), livingAllowance("g-1", 80_000)), 201);
        expect(caseworker2.post(grants() + "/g-1/approvals", Map.of()), 201);
        JsonNode awaiting = awaitGrant("g-1", "AWAITING_FUNDS");
        assertThat(awaiting.get("awaitingReason").asText(), equalTo("BALANCE_MUST_COVER_RESERVATION"));
        assertProblem(finance.post(grants() + "/g-1/payments", Map.of("paymentReference", "BANK-1")), 422,
                "RESERVATION_MUST_EXIST");

        raise("c-more", 100_000, "DONOR");
        await().atMost(PROJECTION_WAIT).until(() -> balance().get("availableFen").asLong() == 101_000);
        var retried = finance.post(grants() + "/g-1/reservations", Map.of());
        assertThat(retried.toString(), retried.status(), equalTo(202));
        awaitGrant("g-1", "RESERVED");
        assertThat(balance().get("availableFen").asLong(), equalTo(21_000L));
    }

    @Test
    void goodsAreValuedAnEducationGrantNamesTheChildAndACheckerMayReject() {
        raise("c-own", 500_000, "UNION");
        verifiedCase();
        expect(caseworker.post(grants(), Map.of("grantId", "g-rice", "fundId", fundId, "type", "FESTIVAL_CONDOLENCE",
                "goods", Map.of("description", "rice 10 kg", "quantity", 3, "unitValueFen", 8_000))), 201);
        assertProblem(caseworker.post(grants(), Map.of("grantId", "g-edu", "fundId", fundId,
                "type", "EDUCATION_GRANT", "cashAmountFen", 100_000)), 422, "ID_MUST_BE_WELL_FORMED");
        expect(caseworker.post(grants(), Map.of("grantId", "g-edu", "fundId", fundId, "type", "EDUCATION_GRANT",
                "cashAmountFen", 100_000, "childId", "child-1")), 201);
        assertProblem(caseworker.post(grants(), livingAllowance("g-big", 600_001)), 422,
                "YEARLY_CAP_MUST_NOT_BE_EXCEEDED");

        expect(caseworker2.post(grants() + "/g-edu/rejections", Map.of("reason", "covered by the school")), 201);
        assertThat(awaitGrant("g-edu", "REJECTED").get("rejectedBy").asText(), equalTo("caseworker2"));

        JsonNode rice = awaitGrant("g-rice", "PROPOSED");
        assertThat(rice.get("amountFen").asLong(), equalTo(24_000L));
        assertThat(awaitGrant("g-edu", "REJECTED").get("childId").asText(), equalTo("child-1"));
    }

    @Test
    void rolesAreEnforced() {
        assertProblem(auditor.post("/hardship-cases", registration("2025-06-01")), 403, "AUDITOR_IS_READ_ONLY");
        assertProblem(LedgerHttp.at(port).as("member").get("/hardship/statistics"), 403, "ROLE_NOT_PERMITTED");
        expect(caseworker.post("/hardship-cases", registration("2025-06-01")), 201);
        awaitCase(view -> true);
        assertThat(auditor.get("/hardship-cases/" + caseId).status(), equalTo(200));
        assertProblem(auditor.get("/hardship-cases/no-such-case"), 404, "HARDSHIP_CASE_MUST_EXIST");
        assertProblem(caseworker.post("/hardship-cases/" + caseId + "/grants/g-x/payments",
                Map.of("paymentReference", "B")), 403, "ROLE_NOT_PERMITTED");
    }

    // Fixtures

    private void verifiedCase() {
        expect(caseworker.post("/hardship-cases", registration("2025-06-01")), 201);
        for (String department : List.of("CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY")) {
            expect(caseworker.post(verifications(), check(department)), 201);
        }
        awaitCase(view -> view.get("status").asText().equals("VERIFIED"));
    }

    private void raise(String contributionId, long amountFen, String payerType) {
        expect(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                "amountFen", amountFen, "payerType", payerType, "effectiveDate", "2026-01-05")), 201);
    }

    private Map<String, Object> registration(String registeredOn) {
        return Map.of("caseId", caseId, "memberId", "m-" + caseId, "orgId", org, "householdSize", 4,
                "monthlyIncomePerHeadFen", 45_000, "causes", List.of("UNEMPLOYMENT", "SERIOUS_ILLNESS"),
                "registeredOn", registeredOn);
    }

    private static Map<String, Object> check(String department) {
        return Map.of("department", department, "passed", true, "note", "checked");
    }

    private Map<String, Object> livingAllowance(String grantId, long amountFen) {
        Map<String, Object> grant = new HashMap<>(Map.of("grantId", grantId, "fundId", fundId,
                "type", "LIVING_ALLOWANCE", "cashAmountFen", amountFen, "proposedOn", "2026-01-10"));
        return grant;
    }

    private String verifications() {
        return "/hardship-cases/" + caseId + "/verifications";
    }

    private String grants() {
        return "/hardship-cases/" + caseId + "/grants";
    }

    private JsonNode balance() {
        return finance.get("/funds/" + fundId + "/balance").json();
    }

    private JsonNode register(String filter) {
        return auditor.get("/hardship/register?" + filter).json();
    }

    private JsonNode awaitCase(java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(PROJECTION_WAIT).until(() -> {
            var response = auditor.get("/hardship-cases/" + caseId);
            seen[0] = response.status() == 200 ? response.json() : null;
            return seen[0] != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    private JsonNode awaitGrant(String grantId, String status) {
        JsonNode view = awaitCase(c -> grantOf(c, grantId) != null && grantOf(c, grantId).get("status").asText()
                .equals(status));
        return grantOf(view, grantId);
    }

    private static JsonNode grantOf(JsonNode view, String grantId) {
        for (JsonNode grant : view.get("grants")) {
            if (grant.get("grantId").asText().equals(grantId)) {
                return grant;
            }
        }
        return null;
    }

    private JsonNode awaitStatistics(java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(PROJECTION_WAIT).until(() -> {
            seen[0] = auditor.get("/hardship/statistics?orgId=" + org).json();
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private static JsonNode exitRateOf(JsonNode statistics, int year) {
        for (JsonNode rate : statistics.get("exitRates")) {
            if (rate.get("year").asInt() == year && rate.get("exitedDuringYear").asLong() > 0) {
                return rate;
            }
        }
        return null;
    }

    private static JsonNode exitRate(JsonNode statistics, int year) {
        return exitRateOf(statistics, year);
    }
}
