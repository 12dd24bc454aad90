package org.unionledger.api.claim;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.claim.ClaimFixtures.PROJECTION_WAIT;
import static org.unionledger.api.claim.ClaimFixtures.assertProblem;
import static org.unionledger.api.claim.ClaimFixtures.expect;
import static org.unionledger.api.claim.ClaimFixtures.freshId;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.claim.ClaimFixtures.Document;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/** A claim returned for documents and resubmitted with them; a cancelled claim gives its money back. */
@ApiTest
class ClaimReturnAndCancellationApiTest {

    /** The accident plan's benefit cap for a member and period: 30,000 yuan. */
    private static final long ACCIDENT_CAP_FEN = 3_000_000;

    @LocalServerPort
    int port;

    private ClaimFixtures claims;
    private LedgerHttp reviewer2;
    private String memberId;

    @BeforeEach
    void aPoolWithMoneyAndAnEnrolledMember() {
        claims = ClaimFixtures.aPoolOpenToday(port);
        reviewer2 = LedgerHttp.at(port).as("reviewer2");
        memberId = claims.anAccidentMember();
        claims.contribute(10_000_000);
    }

    @Test
    void aClaimReturnedForDocumentsIsReviewedAgainOnceTheyAreAdded() {
        String claimId = freshId("c");
        expect(claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId)), 201);
        claims.awaitClaim(claimId, "SUBMITTED");

        expect(claims.reviewer.post("/claims/" + claimId + "/returns", Map.of(
                "missingDocuments", List.of("DISCHARGE_SUMMARY"), "note", "the discharge summary is missing")), 201);
        claims.awaitClaim(claimId, "RETURNED");
        assertProblem(claims.reviewer.post("/claims/" + claimId + "/approvals", Map.of()), 422,
                "CLAIM_MUST_BE_UNDER_REVIEW");

        var added = claims.addDocuments(claims.finance, claimId, Document.pdf("DISCHARGE_SUMMARY"));

        expect(added, 201);
        assertThat(added.json().get(0).get("kind").asText(), equalTo("DISCHARGE_SUMMARY"));
        JsonNode resubmitted = claims.awaitClaim(claimId, "SUBMITTED");
        assertThat(resubmitted.get("documents").asInt(), equalTo(3));
        var approved = claims.reviewer.post("/claims/" + claimId + "/approvals", Map.of());
        expect(approved, 201);
        assertThat(approved.json().get("finalApproval").asBoolean(), equalTo(true));
        claims.awaitClaim(claimId, "PAYOUT_RESERVED");
    }

    @Test
    void cancellingAClaimWithItsPayoutHeldReleasesTheMoneyAndTheMembersBenefit() {
        await().atMost(PROJECTION_WAIT).until(() -> claims.poolBalance().get("availableFen").asLong() == 10_001_000);
        String claimId = freshId("c");
        expect(claims.submit(claims.finance, aClaimWorthTheWholeCap(claimId)), 201);
        assertThat(claims.awaitClaim(claimId, "SUBMITTED").get("calculatedBenefitFen").asLong(),
                equalTo(ACCIDENT_CAP_FEN));
        expect(claims.reviewer.post("/claims/" + claimId + "/approvals", Map.of()), 201);
        expect(reviewer2.post("/claims/" + claimId + "/approvals", Map.of()), 201);
        claims.awaitClaim(claimId, "PAYOUT_RESERVED");
        awaitPoolBalance(10_001_000 - ACCIDENT_CAP_FEN, ACCIDENT_CAP_FEN);

        expect(claims.finance.post("/claims/" + claimId + "/cancellations", Map.of("reason", "member withdrew")), 201);

        claims.awaitClaim(claimId, "CANCELLED");
        awaitPoolBalance(10_001_000, 0);
        assertProblem(claims.finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "B-1")), 422,
                "CLAIM_PAYOUT_MUST_BE_RESERVED");
        // The cap consumed by the approval is restored: a new claim is again worth the whole cap.
        String again = freshId("c");
        expect(claims.submit(claims.finance, aClaimWorthTheWholeCap(again)), 201);
        assertThat(claims.awaitClaim(again, "SUBMITTED").get("calculatedBenefitFen").asLong(),
                equalTo(ACCIDENT_CAP_FEN));
    }

    /** (40,000 - 100 deductible) x 80% = 31,920 yuan, limited by the 30,000 yuan cap. */
    private Map<String, Object> aClaimWorthTheWholeCap(String claimId) {
        Map<String, Object> claim = claims.anAccidentClaim(memberId, claimId);
        claim.put("totalCostFen", 4_000_000);
        claim.put("insideScopeFen", 4_000_000);
        claim.put("basicInsurancePaidFen", 0);
        return claim;
    }

    private void awaitPoolBalance(long availableFen, long reservedFen) {
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            JsonNode balance = claims.poolBalance();
            assertThat(balance.toString(), balance.get("availableFen").asLong(), equalTo(availableFen));
            assertThat(balance.toString(), balance.get("reservedFen").asLong(), equalTo(reservedFen));
        });
    }
}
