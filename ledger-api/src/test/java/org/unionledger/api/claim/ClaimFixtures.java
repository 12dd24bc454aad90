package org.unionledger.api.claim;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.unionledger.api.support.LedgerHttp;

/**
 * Builders for claim API tests: a fresh pool with a period open today, enrolled members, claims sent
 * as multipart (a JSON part "claim" and one file part per document, named after its kind).
 */
final class ClaimFixtures {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(15);
    static final byte[] PDF = "%PDF-1.4 application form".getBytes(StandardCharsets.US_ASCII);
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02, 0x03};
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One file part: its name is the document kind; the declared content type is not trusted. */
    record Document(String kind, String filename, String contentType, byte[] content) {

        static Document pdf(String kind) {
            return new Document(kind, kind.toLowerCase() + ".pdf", "application/pdf", PDF);
        }

        static Document jpeg(String kind) {
            return new Document(kind, kind.toLowerCase() + ".jpg", "image/jpeg", JPEG);
        }
    }

    final LedgerHttp finance;
    final LedgerHttp reviewer;
    final String poolId;

    private ClaimFixtures(LedgerHttp finance, LedgerHttp reviewer, String poolId) {
        this.finance = finance;
        this.reviewer = reviewer;
        this.poolId = poolId;
    }

    static ClaimFixtures aPoolOpenToday(int port) {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        String poolId = freshId("pool");
        expect(finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "City mutual aid")), 201);
        expect(finance.post("/pools/" + poolId + "/periods", Map.of("periodId", "current",
                "startDate", TODAY.minusDays(30).toString(), "endDate", TODAY.plusDays(300).toString())), 201);
        return new ClaimFixtures(finance, LedgerHttp.at(port).as("reviewer"), poolId);
    }

    static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A member with one share of the accident plan (10 yuan). */
    String anAccidentMember() {
        String memberId = freshId("m");
        enrol(memberId, "ACCIDENT", 1_000);
        return memberId;
    }

    /** A female member in the directory, enrolled in the maternity plan (10 yuan). */
    String aMother() {
        String memberId = freshId("m");
        expect(finance.post("/members", Map.of("memberId", memberId, "name", "Li Na", "nationalId",
                aWomansNationalId(), "phone", "13812345678", "orgId", "factory-7")), 201);
        enrol(memberId, "MATERNITY", 1_000);
        return memberId;
    }

    private void enrol(String memberId, String planCode, long amountFen) {
        Map<String, Object> enrolment = new HashMap<>(Map.of("memberId", memberId, "planCode", planCode,
                "periodId", "current", "shares", 1, "amountFen", amountFen, "payerType", "MEMBER",
                "channel", "counter", "orgId", "factory-7"));
        expect(finance.post("/pools/" + poolId + "/enrolments", enrolment), 201);
    }

    /** Accident plan: (10,000 - 6,000 - 100 deductible) x 80% = 3,120 yuan. */
    Map<String, Object> anAccidentClaim(String memberId, String claimId) {
        Map<String, Object> claim = aClaim(memberId, claimId, "ACCIDENT");
        claim.put("admissionDate", TODAY.toString());
        claim.put("dischargeDate", TODAY.toString());
        claim.put("totalCostFen", 1_200_000);
        claim.put("insideScopeFen", 1_000_000);
        claim.put("basicInsurancePaidFen", 600_000);
        return claim;
    }

    /** Maternity: a fixed 600 yuan per birth, whatever the costs. */
    Map<String, Object> aMaternityClaim(String memberId, String claimId, LocalDate bornOn) {
        Map<String, Object> claim = aClaim(memberId, claimId, "MATERNITY");
        claim.put("dateOfBirth", bornOn.toString());
        claim.put("totalCostFen", 0);
        claim.put("insideScopeFen", 0);
        claim.put("basicInsurancePaidFen", 0);
        return claim;
    }

    private Map<String, Object> aClaim(String memberId, String claimId, String planCode) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("claimId", claimId);
        claim.put("poolId", poolId);
        claim.put("planCode", planCode);
        claim.put("periodId", "current");
        claim.put("memberId", memberId);
        claim.put("invoiceNumber", "FP-" + claimId);
        return claim;
    }

    /** POST /claims with an application form (PDF) and an invoice (JPEG) unless documents are given. */
    LedgerHttp.Response submit(LedgerHttp as, Map<String, Object> claim, Document... documents) {
        Document[] parts = documents.length > 0 ? documents
                : new Document[] {Document.pdf("APPLICATION_FORM"), Document.jpeg("INVOICE")};
        try {
            return multipart(as, "/claims", JSON.writeValueAsBytes(claim), parts);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** POST /claims/{claimId}/documents: adds documents, resubmitting a returned claim. */
    LedgerHttp.Response addDocuments(LedgerHttp as, String claimId, Document... documents) {
        return multipart(as, "/claims/" + claimId + "/documents", null, documents);
    }

    private static LedgerHttp.Response multipart(LedgerHttp as, String path, byte[] claimJson, Document... documents) {
        List<LedgerHttp.Part> parts = new ArrayList<>();
        if (claimJson != null) {
            parts.add(LedgerHttp.Part.json("claim", claimJson));
        }
        for (Document document : documents) {
            parts.add(new LedgerHttp.Part(document.kind(), document.filename(), document.contentType(),
                    document.content()));
        }
        return as.postMultipart(path, parts);
    }

    void contribute(long amountFen) {
        expect(finance.post("/funds/" + poolId + "-fund/contributions", Map.of("contributionId", freshId("top-up"),
                "amountFen", amountFen, "payerType", "UNION", "channel", "bank")), 201);
    }

    JsonNode poolBalance() {
        return finance.get("/funds/" + poolId + "-fund/balance").json();
    }

    /** The claim once the read model shows it in this status. */
    JsonNode awaitClaim(String claimId, String status) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var claim = finance.get("/claims/" + claimId);
            assertThat(claim.toString(), claim.status(), equalTo(200));
            assertThat(claim.toString(), claim.json().get("status").asText(), equalTo(status));
            seen[0] = claim.json();
        });
        return seen[0];
    }

    /** A valid GB 11643 national ID number of a woman (an even 17th digit). */
    static String aWomansNationalId() {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        var random = ThreadLocalRandom.current();
        String digits = String.format("110105%04d%02d%02d%02d%d", 1970 + random.nextInt(30), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(100), 2 * random.nextInt(5));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return digits + "10X98765432".charAt(sum % 11);
    }

    static LedgerHttp.Response expect(LedgerHttp.Response response, int status) {
        assertThat(response.toString(), response.status(), equalTo(status));
        return response;
    }

    static void assertProblem(LedgerHttp.Response response, int status, String code) {
        assertThat(response.toString(), response.status(), equalTo(status));
        assertThat(response.contentType(), startsWith("application/problem+json"));
        assertThat(response.toString(), response.json().get("code").asText(), equalTo(code));
    }
}
