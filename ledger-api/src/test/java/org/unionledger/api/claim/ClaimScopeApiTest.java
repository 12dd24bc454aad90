package org.unionledger.api.claim;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.pool.PoolFixtures;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;

/**
 * Claims are scoped by the organisation of the coverage they were submitted under: the district-1
 * users (ScopedTestUsers, and the first-run "district") see and act on claims of district-1 and the
 * organisations below it; another district's claim answers 404 CLAIM_MUST_EXIST, like an unknown one,
 * and nothing is written.
 */
@ApiTest
class ClaimScopeApiTest {

    private static final String DISTRICT = "district-1";

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final byte[] insidePdf = ("%PDF-1.4 inside " + run).getBytes(StandardCharsets.US_ASCII);
    private final byte[] outsidePdf = ("%PDF-1.4 outside " + run).getBytes(StandardCharsets.US_ASCII);
    private LedgerHttp admin;
    private LedgerHttp finance;
    private LedgerHttp districtReviewer;
    private LedgerHttp districtFinance;
    private String poolId;
    private String otherDistrict;
    private String insideClaim;
    private String outsideClaim;

    /** A city pool with one claim from a plant below district-1 and one from another district. */
    @BeforeEach
    void claimsOfTwoDistricts() {
        admin = LedgerHttp.at(port).as("admin");
        finance = LedgerHttp.at(port).as("finance");
        districtReviewer = LedgerHttp.at(port).as("district-reviewer");
        districtFinance = LedgerHttp.at(port).as("district");
        registerOnce("city", "CITY_FEDERATION", null);
        registerOnce(DISTRICT, "DISTRICT", "city");
        String plant = "plant-" + run;
        registerOnce(plant, "GRASSROOTS", DISTRICT);
        otherDistrict = "other-" + run;
        registerOnce(otherDistrict, "DISTRICT", "city");
        poolId = PoolFixtures.aPool(finance);
        insideClaim = aSubmittedClaim("m-in-" + run, plant, insidePdf);
        outsideClaim = aSubmittedClaim("m-out-" + run, otherDistrict, outsidePdf);
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/claims/" + insideClaim).status() == 200
                && finance.get("/claims/" + outsideClaim).status() == 200);
    }

    @Test
    void aReviewerOfAnotherDistrictGetsNotFoundAndCannotApprove() {
        long before = events.countMentioning(outsideClaim);

        var read = districtReviewer.get("/claims/" + outsideClaim);
        var approval = districtReviewer.post("/claims/" + outsideClaim + "/approvals", Map.of());

        assertThat(read.toString(), read.status(), equalTo(404));
        assertThat(code(read), equalTo("CLAIM_MUST_EXIST"));
        assertThat(approval.toString(), approval.status(), equalTo(404));
        assertThat(code(approval), equalTo("CLAIM_MUST_EXIST"));
        assertThat(code(districtReviewer.get("/claims/no-such-" + run)), equalTo("CLAIM_MUST_EXIST"));
        assertThat(districtReviewer.get("/claims/" + outsideClaim + "/documents/" + ClaimDocumentStore.sha256(
                outsidePdf)).status(), equalTo(404));
        assertThat(events.countMentioning(outsideClaim), equalTo(before));
    }

    @Test
    void aFinanceOfficerOfAnotherDistrictCannotHoldPayOrCancelItsClaims() {
        long before = events.countMentioning(outsideClaim);

        var hold = districtFinance.post("/claims/" + outsideClaim + "/reservations", Map.of());
        var payment = districtFinance.post("/claims/" + outsideClaim + "/payments",
                Map.of("paymentReference", "B-" + run));
        var cancellation = districtFinance.post("/claims/" + outsideClaim + "/cancellations", Map.of());

        for (var refused : List.of(hold, payment, cancellation)) {
            assertThat(refused.toString(), refused.status(), equalTo(404));
            assertThat(code(refused), equalTo("CLAIM_MUST_EXIST"));
        }
        assertThat(events.countMentioning(outsideClaim), equalTo(before));
    }

    @Test
    void aReviewerOfTheClaimsDistrictReadsAndApprovesAClaimFromBelowIt() {
        long before = events.countMentioning(insideClaim);

        var read = districtReviewer.get("/claims/" + insideClaim);
        var approval = districtReviewer.post("/claims/" + insideClaim + "/approvals", Map.of());

        assertThat(read.toString(), read.status(), equalTo(200));
        assertThat(approval.toString(), approval.status(), equalTo(201));
        assertThat(events.countMentioning(insideClaim), greaterThan(before));
        assertThat(districtReviewer.get("/claims/" + insideClaim + "/documents/" + ClaimDocumentStore.sha256(
                insidePdf)).status(), equalTo(200));
    }

    @Test
    void aDistrictOfficerSubmitsOnlyForMembersCoveredInTheirSubtree() {
        String claimId = "c-out-" + run;

        var refused = districtFinance.postClaim(aClaim(claimId, "m-out-" + run), outsidePdf);

        assertThat(refused.toString(), refused.status(), equalTo(404));
        assertThat(code(refused), equalTo("MEMBER_MUST_EXIST"));
        assertThat(events.countMentioning(claimId), equalTo(0L));
        var accepted = districtFinance.postClaim(aClaim("c-in2-" + run, "m-in-" + run), insidePdf);
        assertThat(accepted.toString(), accepted.status(), equalTo(201));
    }

    @Test
    void aDocumentIsServedOnlyThroughTheClaimItBelongsTo() {
        String otherClaimsDocument = ClaimDocumentStore.sha256(outsidePdf);

        var borrowed = finance.get("/claims/" + insideClaim + "/documents/" + otherClaimsDocument);

        assertThat(borrowed.toString(), borrowed.status(), equalTo(404));
        assertThat(code(borrowed), equalTo("DOCUMENT_MUST_EXIST"));
        assertThat(finance.get("/claims/" + outsideClaim + "/documents/" + otherClaimsDocument).status(),
                equalTo(200));
    }

    @Test
    void theReviewQueueShowsOnlyTheCallersSubtree() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(queued(districtReviewer, "?limit=500"), hasItem(insideClaim));
            assertThat(queued(LedgerHttp.at(port).as("reviewer"), "?orgId=" + otherDistrict), hasItem(outsideClaim));
        });
        assertThat(queued(districtReviewer, "?limit=500"), not(hasItem(outsideClaim)));
        var otherSubtree = districtReviewer.get("/claims/review-queue?orgId=" + otherDistrict);
        assertThat(otherSubtree.status(), equalTo(404));
        assertThat(code(otherSubtree), equalTo("ORG_MUST_EXIST"));
        assertThat(queued(finance, "?limit=500&orgId=" + otherDistrict), not(hasItem(insideClaim)));
        var statistics = districtReviewer.get("/claims/statistics?poolId=" + poolId + "&periodId=current&orgId="
                + otherDistrict);
        assertThat(statistics.status(), equalTo(404));
    }

    private List<String> queued(LedgerHttp as, String query) {
        var queue = as.get("/claims/review-queue" + query);
        assertThat(queue.toString(), queue.status(), equalTo(200));
        List<String> claimIds = new ArrayList<>();
        queue.json().get("claims").forEach(claim -> claimIds.add(claim.get("claimId").asText()));
        return claimIds;
    }

    private void registerOnce(String orgId, String level, String parentOrgId) {
        Map<String, Object> body = new HashMap<>(Map.of("orgId", orgId, "name", "Org " + orgId, "level", level));
        if (parentOrgId != null) {
            body.put("parentOrgId", parentOrgId);
        }
        var registered = admin.post("/orgs", body);
        assertThat(registered.toString(), registered.status() == 201 || registered.status() == 422, equalTo(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/orgs/" + orgId).status() == 200);
    }

    /** Enrols the member under the organisation and submits a claim for them as the city finance officer. */
    private String aSubmittedClaim(String memberId, String orgId, byte[] pdf) {
        Map<String, Object> enrolment = PoolFixtures.enrolment(memberId, "ACCIDENT", 1, 1_000, "MEMBER");
        enrolment.put("orgId", orgId);
        var enrolled = finance.post("/pools/" + poolId + "/enrolments", enrolment);
        assertThat(enrolled.toString(), enrolled.status(), equalTo(201));
        String claimId = "c-" + memberId;
        var submitted = finance.postClaim(aClaim(claimId, memberId), pdf);
        assertThat(submitted.toString(), submitted.status(), equalTo(201));
        return claimId;
    }

    private Map<String, Object> aClaim(String claimId, String memberId) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("claimId", claimId);
        claim.put("poolId", poolId);
        claim.put("planCode", "ACCIDENT");
        claim.put("periodId", "current");
        claim.put("memberId", memberId);
        claim.put("admissionDate", PoolFixtures.TODAY.toString());
        claim.put("dischargeDate", PoolFixtures.TODAY.toString());
        claim.put("totalCostFen", 100_000);
        claim.put("insideScopeFen", 100_000);
        claim.put("basicInsurancePaidFen", 0);
        claim.put("invoiceNumber", "FP-" + claimId);
        return claim;
    }

    private static String code(LedgerHttp.Response response) {
        return response.json().get("code").asText();
    }
}
