package org.unionledger.api.claim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.claim.ClaimFixtures.TODAY;
import static org.unionledger.api.claim.ClaimFixtures.assertProblem;
import static org.unionledger.api.claim.ClaimFixtures.expect;
import static org.unionledger.api.claim.ClaimFixtures.freshId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.core.claim.ClaimIds;

/** ONE_MATERNITY_BENEFIT_PER_BIRTH over HTTP: a second claim for the same birth stores nothing. */
@ApiTest
class ClaimMaternityApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    @Test
    void aSecondClaimForTheSameBirthIsRefusedAndNothingIsStored() {
        ClaimFixtures claims = ClaimFixtures.aPoolOpenToday(port);
        String mother = claims.aMother();
        String first = freshId("c");
        expect(claims.submit(claims.finance, claims.aMaternityClaim(mother, first, TODAY)), 201);
        assertThat(claims.awaitClaim(first, "SUBMITTED").get("calculatedBenefitFen").asLong(), equalTo(60_000L));

        String second = freshId("c");
        var again = claims.submit(claims.finance, claims.aMaternityClaim(mother, second, TODAY));

        assertProblem(again, 422, "ONE_MATERNITY_BENEFIT_PER_BIRTH");
        assertThat(claims.finance.get("/claims/" + second).status(), equalTo(404));
        assertThat(events.countFor(second), equalTo(0L));
        assertThat(events.countFor(ClaimIds.invoiceKey("FP-" + second)), equalTo(0L));
        assertThat(events.countFor(ClaimIds.birthKey(mother, TODAY)), equalTo(1L));
    }
}
