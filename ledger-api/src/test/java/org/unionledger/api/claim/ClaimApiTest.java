package org.unionledger.api.claim;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/** Claims end to end over HTTP: enrol, submit with documents, review, hold, pay, return, statistics. */
@ApiTest
class ClaimApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final byte[] PDF = "%PDF-1.4 application form".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02, 0x03};

    @LocalServerPort
    int port;

    private LedgerHttp finance;
    private LedgerHttp reviewer;
    private LedgerHttp reviewer2;
    private String poolId;
    private String memberId;

    @BeforeEach
    void aPoolWithAnEnrolledMember() {
        finance = LedgerHttp.at(port).as("finance");
        reviewer = LedgerHttp.at(port).as("reviewer");
        reviewer2 = LedgerHttp.at(port).as("reviewer2");
        poolId = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "City mutual aid"))
                .status(), equalTo(201));
        assertThat(finance.post("/pools/" + poolId + "/periods", Map.of("periodId", "current",
                "startDate", TODAY.minusDays(30).toString(), "endDate", TODAY.plusDays(300).toString())).status(),
                equalTo(201));
        memberId = "m-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> enrolment = new HashMap<>(Map.of("memberId", memberId, "planCode", "ACCIDENT",
                "periodId", "current", "shares", 1, "amountFen", 1_000, "payerType", "MEMBER", "channel", "counter",
                "orgId", "factory-7"));
        var enrolled = finance.post("/pools/" + poolId + "/enrolments", enrolment);
        assertThat(enrolled.toString(), enrolled.status(), equalTo(201));
    }

    /** Accident plan: (10,000 - 6,000 - 100 deductible) x 80% = 3,120 yuan. */
    private Map<String, Object> anAccidentClaim(String claimId, String invoice) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("claimId", claimId);
        claim.put("poolId", poolId);
        claim.put("planCode", "ACCIDENT");
        claim.put("periodId", "current");
        claim.put("memberId", memberId);
        claim.put("admissionDate", TODAY.toString());
        claim.put("dischargeDate", TODAY.toString());
        claim.put("totalCostFen", 1_200_000);
        claim.put("insideScopeFen", 1_000_000);
        claim.put("basicInsurancePaidFen", 600_000);
        claim.put("invoiceNumber", invoice);
        return claim;
    }

    private LedgerHttp.Response submit(LedgerHttp as, Map<String, Object> claim) {
        try {
            return as.postMultipart("/claims", List.of(LedgerHttp.Part.json("claim", JSON.writeValueAsBytes(claim)),
                    LedgerHttp.Part.pdf("APPLICATION_FORM", PDF), LedgerHttp.Part.jpeg("INVOICE", JPEG)));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void contribute(long amountFen) {
        var paid = finance.post("/funds/" + poolId + "-fund/contributions", Map.of("contributionId",
                "top-up-" + UUID.randomUUID().toString().substring(0, 8), "amountFen", amountFen, "payerType", "UNION",
                "channel", "bank"));
        assertThat(paid.toString(), paid.status(), equalTo(201));
    }

    private JsonNode awaitClaim(String claimId, String status) {
        List<JsonNode> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var claim = finance.get("/claims/" + claimId);
            assertThat(claim.toString(), claim.status(), equalTo(200));
            assertThat(claim.json().get("status").asText(), equalTo(status));
            last.add(claim.json());
        });
        return last.get(last.size() - 1);
    }

    private long poolAvailableFen() {
        return finance.get("/funds/" + poolId + "-fund/balance").json().get("availableFen").asLong();
    }

    private String code(LedgerHttp.Response response) {
        return response.json().get("code").asText();
    }

    @Test
    void enrolSubmitWithDocumentsApproveDisburseAndReadStatistics() {
        contribute(1_000_000);
        String claimId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        var submitted = submit(finance, anAccidentClaim(claimId, "FP-" + claimId));
        assertThat(submitted.toString(), submitted.status(), equalTo(201));
        JsonNode claim = awaitClaim(claimId, "SUBMITTED");
        assertThat(claim.get("calculatedBenefitFen").asLong(), equalTo(312_000L));
        assertThat(claim.get("documents").asInt(), equalTo(2));
        String sha = submitted.json().get("documents").get(0).get("sha256").asText();
        var document = reviewer.get("/claims/" + claimId + "/documents/" + sha);
        assertThat(document.status(), equalTo(200));
        assertThat(document.contentType(), equalTo("application/pdf"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> queued = new ArrayList<>();
            reviewer.get("/claims/review-queue").json().get("claims").forEach(c -> queued.add(c.get("claimId").asText()));
            assertThat(queued, hasItem(claimId));
        });

        var approved = reviewer.post("/claims/" + claimId + "/approvals", Map.of());
        assertThat(approved.toString(), approved.status(), equalTo(201));
        assertThat(approved.json().get("finalApproval").asBoolean(), equalTo(true));
        awaitClaim(claimId, "PAYOUT_RESERVED");
        long before = poolAvailableFen();

        var paid = finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "BANK-" + claimId));
        assertThat(paid.toString(), paid.status(), equalTo(201));
        JsonNode paidClaim = awaitClaim(claimId, "PAID");
        assertThat(paidClaim.get("paidFen").asLong(), equalTo(312_000L));
        assertThat(poolAvailableFen(), equalTo(before));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode statistics = finance.get("/claims/statistics?poolId=" + poolId + "&periodId=current").json();
            assertThat(statistics.toString(), statistics.get("paidCount").asLong(), equalTo(1L));
            assertThat(statistics.get("paidFen").asLong(), equalTo(312_000L));
            assertThat(statistics.get("contributionsFen").asLong(), equalTo(1_000L));
            assertThat(statistics.get("lossRatioBasisPoints").asLong(), equalTo(3_120_000L));
            JsonNode group = statistics.get("payouts").get(0);
            assertThat(group.get("planCode").asText(), equalTo("ACCIDENT"));
            assertThat(group.get("orgId").asText(), equalTo("factory-7"));
            assertThat(group.get("p50Fen").asLong(), equalTo(312_000L));
            assertThat(statistics.get("submitToPayMedianSeconds").asLong(), greaterThanOrEqualTo(0L));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> statuses = new ArrayList<>();
            finance.get("/members/" + memberId + "/claims").json().get("claims")
                    .forEach(c -> statuses.add(c.get("status").asText()));
            assertThat(statuses, equalTo(List.of("PAID")));
        });
    }

    @Test
    void theSubmitterApprovingTheirOwnClaimIsRefused() {
        contribute(1_000_000);
        String claimId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(submit(reviewer, anAccidentClaim(claimId, "FP-" + claimId)).status(), equalTo(201));

        var own = reviewer.post("/claims/" + claimId + "/approvals", Map.of());

        assertThat(own.toString(), own.status(), equalTo(422));
        assertThat(code(own), equalTo("SUBMITTER_MUST_NOT_REVIEW"));
        assertThat(reviewer2.post("/claims/" + claimId + "/approvals", Map.of()).status(), equalTo(201));
    }

    @Test
    void aClaimLargerThanThePoolsAvailableBalanceWaitsForFundsInsteadOfOverdrawing() {
        String claimId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(submit(finance, anAccidentClaim(claimId, "FP-" + claimId)).status(), equalTo(201));

        var approved = reviewer.post("/claims/" + claimId + "/approvals", Map.of());

        assertThat(approved.toString(), approved.status(), equalTo(201));
        awaitClaim(claimId, "AWAITING_FUNDS");
        assertThat(poolAvailableFen(), equalTo(1_000L));
        var stillShort = finance.post("/claims/" + claimId + "/reservations", Map.of());
        assertThat(stillShort.status(), equalTo(422));
        assertThat(code(stillShort), equalTo("BALANCE_MUST_COVER_RESERVATION"));

        contribute(1_000_000);
        assertThat(finance.post("/claims/" + claimId + "/reservations", Map.of()).status(), equalTo(201));
        awaitClaim(claimId, "PAYOUT_RESERVED");
        assertThat(poolAvailableFen(), equalTo(1_001_000L - 312_000L));
    }

    @Test
    void aSecondClaimWithTheSameInvoiceNumberIsRefusedAndNothingIsStored() {
        String first = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String invoice = "FP " + first;
        assertThat(submit(finance, anAccidentClaim(first, invoice)).status(), equalTo(201));

        String second = "c-" + UUID.randomUUID().toString().substring(0, 8);
        var again = submit(finance, anAccidentClaim(second, invoice.toLowerCase().replace(" ", "-")));

        assertThat(again.toString(), again.status(), equalTo(422));
        assertThat(code(again), equalTo("INVOICE_MUST_NOT_BE_CLAIMED_TWICE"));
        assertThat(finance.get("/claims/" + second).status(), equalTo(404));
    }

    @Test
    void aboveTheConfiguredAmountASecondDifferentReviewerMustApprove() {
        contribute(10_000_000);
        String claimId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> big = anAccidentClaim(claimId, "FP-" + claimId);
        big.put("totalCostFen", 2_000_000);
        big.put("insideScopeFen", 2_000_000);
        big.put("basicInsurancePaidFen", 0);
        assertThat(submit(finance, big).status(), equalTo(201));

        var first = reviewer.post("/claims/" + claimId + "/approvals", Map.of());
        assertThat(first.json().get("finalApproval").asBoolean(), equalTo(false));
        var same = reviewer.post("/claims/" + claimId + "/approvals", Map.of());
        assertThat(code(same), equalTo("SECOND_APPROVER_MUST_DIFFER"));
        assertThat(reviewer2.post("/claims/" + claimId + "/approvals", Map.of()).json().get("finalApproval")
                .asBoolean(), equalTo(true));
        awaitClaim(claimId, "PAYOUT_RESERVED");
    }

    @Test
    void aReturnedPaymentPutsTheMoneyBackAndHoldsItAgainForANewPayment() {
        contribute(1_000_000);
        String claimId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(submit(finance, anAccidentClaim(claimId, "FP-" + claimId)).status(), equalTo(201));
        assertThat(reviewer.post("/claims/" + claimId + "/approvals", Map.of()).status(), equalTo(201));
        assertThat(finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "B1")).status(),
                equalTo(201));

        var returned = finance.post("/claims/" + claimId + "/payment-returns", Map.of("bankReference", "RET-1"));

        assertThat(returned.toString(), returned.status(), equalTo(201));
        awaitClaim(claimId, "PAYOUT_RESERVED");
        assertThat(finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "B2")).status(),
                equalTo(201));
        awaitClaim(claimId, "PAID");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(poolAvailableFen(), equalTo(1_001_000L - 312_000L)));
    }

    @Test
    void aMemberSubmitsOnlyForThemselvesAndDocumentsMustBePdfJpegOrPng() {
        var member = LedgerHttp.at(port).as("member");
        var forOther = submit(member, anAccidentClaim("c-" + UUID.randomUUID().toString().substring(0, 8), "X1"));
        assertThat(forOther.status(), equalTo(403));
        assertThat(ClaimDocumentStore.mediaTypeOf(PDF), equalTo("application/pdf"));
        try {
            ClaimDocumentStore.mediaTypeOf("MZ executable".getBytes(StandardCharsets.US_ASCII));
            throw new AssertionError("an executable was accepted");
        } catch (org.unionledger.core.rule.BusinessRuleViolation refused) {
            assertThat(refused.code(), equalTo("DOCUMENT_TYPE_MUST_BE_PDF_JPEG_OR_PNG"));
        }
    }
}
