package org.unionledger.api.hardship;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.support.ApiAssertions.assertProblem;
import static org.unionledger.api.support.ApiAssertions.expect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;

/** A hardship grant is paid from a HARDSHIP fund only (issue 5): any other fund is refused at proposal. */
@ApiTest
class HardshipGrantFundApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private LedgerHttp caseworker;
    private String org;
    private String caseId;

    @BeforeEach
    void aVerifiedHouseholdOfAFreshOrganisation() {
        finance = LedgerHttp.at(port).as("finance");
        caseworker = LedgerHttp.at(port).as("caseworker");
        org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        caseId = org + "-hh";
        expect(caseworker.post("/hardship-cases", Map.of("caseId", caseId, "memberId", "m-" + caseId, "orgId", org,
                "householdSize", 3, "monthlyIncomePerHeadFen", 40_000, "causes", List.of("SERIOUS_ILLNESS"))), 201);
        for (String department : List.of("CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY")) {
            expect(caseworker.post("/hardship-cases/" + caseId + "/verifications",
                    Map.of("department", department, "passed", true)), 201);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var view = caseworker.get("/hardship-cases/" + caseId);
            return view.status() == 200 && view.json().get("status").asText().equals("VERIFIED");
        });
    }

    private String aFundWithMoney(String fundType) {
        String fundId = org + "-" + fundType.toLowerCase();
        expect(finance.post("/funds", Map.of("fundId", fundId, "orgId", org, "name", fundType + " fund",
                "fundType", fundType)), 201);
        expect(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "budget",
                "amountFen", 1_000_000, "payerType", "UNION")), 201);
        return fundId;
    }

    private LedgerHttp.Response propose(String grantId, String fundId) {
        return caseworker.post("/hardship-cases/" + caseId + "/grants", Map.of("grantId", grantId, "fundId", fundId,
                "type", "LIVING_ALLOWANCE", "cashAmountFen", 80_000));
    }

    @Test
    void aGrantFromAGeneralFundIsRefusedAndNothingIsWritten() {
        String general = aFundWithMoney("GENERAL");
        long caseEvents = events.countFor(caseId);

        var refused = propose("g-general", general);

        assertProblem(refused, 422, "FUND_MUST_BE_HARDSHIP_FUND");
        assertThat(events.countFor(caseId), equalTo(caseEvents));
        assertThat(caseworker.get("/hardship-cases/" + caseId).json().get("grants").size(), equalTo(0));
    }

    @Test
    void aGrantFromAMutualAidPoolOrASubsidyFundIsRefused() {
        String pool = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        expect(finance.post("/pools", Map.of("poolId", pool, "orgId", org, "name", "Mutual aid")), 201);
        String subsidy = aFundWithMoney("SUBSIDY");
        long caseEvents = events.countFor(caseId);

        assertProblem(propose("g-pool", pool + "-fund"), 422, "FUND_MUST_BE_HARDSHIP_FUND");
        assertProblem(propose("g-subsidy", subsidy), 422, "FUND_MUST_BE_HARDSHIP_FUND");

        assertThat(events.countFor(caseId), equalTo(caseEvents));
    }

    @Test
    void aGrantFromAnUnknownFundIsRefusedAsNotFound() {
        long caseEvents = events.countFor(caseId);

        assertProblem(propose("g-nowhere", org + "-no-such-fund"), 404, "FUND_MUST_EXIST");

        assertThat(events.countFor(caseId), equalTo(caseEvents));
    }

    @Test
    void aGrantFromAHardshipFundOpenedAMomentAgoIsProposed() {
        String hardship = aFundWithMoney("HARDSHIP");

        expect(propose("g-1", hardship), 201);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                caseworker.get("/hardship-cases/" + caseId).json().get("grants").size() == 1);
    }
}
