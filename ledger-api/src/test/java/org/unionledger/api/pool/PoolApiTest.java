package org.unionledger.api.pool;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.pool.PoolFixtures.aPool;
import static org.unionledger.api.pool.PoolFixtures.aUnionFundHolding;
import static org.unionledger.api.pool.PoolFixtures.enrolment;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;

@ApiTest
class PoolApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private String poolId;

    @BeforeEach
    void createAPool() {
        finance = LedgerHttp.at(port).as("finance");
        poolId = aPool(finance);
    }

    private String member() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long poolFund(String field) {
        return fund(poolId + "-fund", field);
    }

    private long fund(String fundId, String field) {
        var balance = finance.get("/funds/" + fundId + "/balance");
        return balance.status() == 200 ? balance.json().get(field).asLong() : -1;
    }

    @Test
    void enrolsAllThreeWaysAndReadsCoverage() {
        String unionFund = aUnionFundHolding(finance, 100_000);
        String voluntary = member();
        String staff = member();
        String gifted = member();

        var byMember = finance.post("/pools/" + poolId + "/enrolments",
                enrolment(voluntary, "SERIOUS_ILLNESS", 3, 6_000, "MEMBER"));
        var employerBody = enrolment(staff, "ACCIDENT", 2, 2_000, "EMPLOYER");
        employerBody.put("employerId", "employer-9");
        var byEmployer = finance.post("/pools/" + poolId + "/enrolments", employerBody);
        var giftBody = enrolment(gifted, "INPATIENT", 1, 3_000, "UNION");
        giftBody.put("giftFundId", unionFund);
        var byUnion = finance.post("/pools/" + poolId + "/enrolments", giftBody);

        assertThat(byMember.toString(), byMember.status(), equalTo(201));
        assertThat(byEmployer.toString(), byEmployer.status(), equalTo(201));
        assertThat(byUnion.toString(), byUnion.status(), equalTo(201));
        assertThat(byUnion.json().get("coverageId").asText(),
                equalTo("cov:" + poolId + ":INPATIENT:current:" + gifted));
        await().atMost(Duration.ofSeconds(15)).until(() -> poolFund("inFen") == 11_000);
        await().atMost(Duration.ofSeconds(15)).until(() -> fund(unionFund, "availableFen") == 97_000);
        assertThat(fund(unionFund, "outFen"), equalTo(3_000L));
        await().atMost(Duration.ofSeconds(15)).until(() -> coverage("").get("membersEnrolled").asLong() == 3);
        var summary = coverage("");
        assertThat(summary.get("giftedCount").asLong(), equalTo(1L));
        assertThat(summary.get("contributionsFen").asLong(), equalTo(11_000L));
        assertThat(coverage("&planCode=ACCIDENT").get("rows").get(0).get("payerType").asText(), equalTo("EMPLOYER"));
        var own = finance.get("/members/" + gifted + "/coverage").json().get("coverages").get(0);
        assertThat(own.get("payerType").asText(), equalTo("UNION"));
        assertThat(own.get("benefitsFrom").asText(), equalTo(PoolFixtures.TODAY.plusDays(90).toString()));
    }

    private com.fasterxml.jackson.databind.JsonNode coverage(String filters) {
        return finance.get("/pools/" + poolId + "/coverage?periodId=current" + filters).json();
    }

    @Test
    void aMemberEnrolsOncePerPlanAndPeriodAndARetryWritesNothing() {
        String memberId = member();
        var body = enrolment(memberId, "ACCIDENT", 1, 1_000, "MEMBER");
        assertThat(finance.post("/pools/" + poolId + "/enrolments", body).status(), equalTo(201));
        long before = events.total();

        var retry = finance.post("/pools/" + poolId + "/enrolments", body);
        body.put("shares", 2);
        body.put("amountFen", 2_000);
        var again = finance.post("/pools/" + poolId + "/enrolments", body);

        assertThat(retry.header("Idempotent-Replayed"), equalTo("true"));
        assertThat(again.toString(), again.status(), equalTo(409));
        assertThat(again.json().get("code").asText(), equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(events.total(), equalTo(before));
    }

    @Test
    void refusesBadEnrolmentsWithTheBrokenRuleAndRecordsNothing() {
        String past = "past-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(finance.post("/pools/" + poolId + "/periods", Map.of("periodId", past, "startDate", "2018-07-01",
                "endDate", "2019-06-30")).status(), equalTo(201));
        long before = events.total();

        assertRefused(enrolment(member(), "SERIOUS_ILLNESS", 2, 3_000, "MEMBER"),
                422, "AMOUNT_MUST_EQUAL_PRICE_TIMES_SHARES");
        assertRefused(enrolment(member(), "DENTAL", 1, 1_000, "MEMBER"), 422, "PLAN_MUST_EXIST_IN_POOL");
        var closed = enrolment(member(), "ACCIDENT", 1, 1_000, "MEMBER");
        closed.put("periodId", past);
        assertRefused(closed, 422, "PERIOD_MUST_NOT_HAVE_ENDED");
        var unknownPeriod = enrolment(member(), "ACCIDENT", 1, 1_000, "MEMBER");
        unknownPeriod.put("periodId", "p99");
        assertRefused(unknownPeriod, 422, "PERIOD_MUST_EXIST_IN_POOL");
        assertRefused(enrolment(member(), "MATERNITY", 1, 1_000, "MEMBER"), 422, "PLAN_REQUIRES_FEMALE_MEMBER");
        var poorGift = enrolment(member(), "INPATIENT", 1, 3_000, "UNION");
        poorGift.put("giftFundId", aUnionFundHolding(finance, 100));
        before = events.total();
        assertRefused(poorGift, 422, "BALANCE_MUST_COVER_RESERVATION");
        assertThat(events.total(), equalTo(before));
    }

    private void assertRefused(Map<String, Object> body, int status, String code) {
        long before = events.total();
        var refused = finance.post("/pools/" + poolId + "/enrolments", body);
        assertThat(refused.toString(), refused.status(), equalTo(status));
        assertThat(refused.toString(), refused.json().get("code").asText(), equalTo(code));
        assertThat(events.total(), equalTo(before));
    }

    @Test
    void maternityNeedsAFemaleMemberFromTheDirectory() {
        String memberId = member();
        var registered = finance.post("/members", Map.of("memberId", memberId, "name", "Li Na",
                "nationalId", "11010519491231002x", "phone", "13812345678", "orgId", "factory-7"));
        assertThat(registered.toString(), registered.status(), equalTo(201));
        assertThat(registered.json().get("nationalIdMasked").asText(), equalTo("110105********002X"));
        assertThat(registered.json().get("phoneMasked").asText(), equalTo("138****5678"));

        var enrolled = finance.post("/pools/" + poolId + "/enrolments",
                enrolment(memberId, "MATERNITY", 1, 1_000, "MEMBER"));

        assertThat(enrolled.toString(), enrolled.status(), equalTo(201));
        assertThat(finance.get("/members/" + memberId).json().get("gender").asText(), equalTo("FEMALE"));
    }

    @Test
    void refusesAnInvalidNationalIdNumber() {
        var refused = finance.post("/members", Map.of("memberId", member(), "name", "Wang Wei",
                "nationalId", "110105194912310021", "orgId", "factory-7"));
        assertThat(refused.toString(), refused.status(), equalTo(422));
        assertThat(refused.json().get("code").asText(), equalTo("NATIONAL_ID_CHECKSUM_MUST_MATCH"));
    }

    @Test
    void aMemberReadsOnlyTheirOwnCoverage() {
        LedgerHttp member = LedgerHttp.at(port).as("member");
        assertThat(member.get("/members/m-demo-1/coverage").status(), equalTo(200));
        assertThat(member.get("/members/" + member() + "/coverage").status(), equalTo(403));
        assertThat(member.get("/pools/" + poolId + "/coverage").status(), equalTo(403));
    }

    @Test
    void refusesOverlappingPeriodsAndASecondPoolWithTheSameId() {
        var overlapping = finance.post("/pools/" + poolId + "/periods", Map.of("periodId", "next",
                "startDate", PoolFixtures.TODAY.toString(), "endDate", PoolFixtures.TODAY.plusDays(400).toString()));
        assertThat(overlapping.json().get("code").asText(), equalTo("PERIODS_MUST_NOT_OVERLAP_FOR_A_PLAN"));
        var same = finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "City mutual aid"));
        assertThat(same.header("Idempotent-Replayed"), equalTo("true"));
        var other = finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "Another"));
        assertThat(other.status(), equalTo(409));
    }
}
