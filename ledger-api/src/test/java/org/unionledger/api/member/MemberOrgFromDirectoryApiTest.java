package org.unionledger.api.member;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
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
import org.unionledger.api.support.NationalIds;

/**
 * A member registered in the directory belongs to the directory's organisation: a request cannot
 * place them in another one (OWASP API3), and a request naming none gets the directory's.
 */
@ApiTest
class MemberOrgFromDirectoryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private String memberId;

    @BeforeEach
    void aMemberOfFactorySeven() {
        finance = LedgerHttp.at(port).as("finance");
        memberId = "m-dir-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = finance.post("/members", Map.of("memberId", memberId, "name", "Zhao Lei", "nationalId",
                NationalIds.aValidOne(), "phone", "13812345678",
                "orgId", "factory-7"));
        assertThat(registered.toString(), registered.status(), equalTo(201));
    }

    @Test
    void refusesAnEnrolmentThatNamesAnotherOrganisationAndWritesNothing() {
        String poolId = PoolFixtures.aPool(finance);
        var body = PoolFixtures.enrolment(memberId, "ACCIDENT", 1, 1_000, "MEMBER");
        body.put("orgId", "factory-8");
        long before = events.countMentioning(memberId);

        var refused = finance.post("/pools/" + poolId + "/enrolments", body);

        assertThat(refused.toString(), refused.status(), equalTo(422));
        assertThat(refused.json().get("code").asText(), equalTo("MEMBER_ORG_MUST_MATCH_DIRECTORY"));
        assertThat(events.countMentioning(memberId), equalTo(before));
    }

    @Test
    void anEnrolmentNamingNoOrganisationIsCountedForTheDirectorysOrganisation() {
        String poolId = PoolFixtures.aPool(finance);
        var body = PoolFixtures.enrolment(memberId, "ACCIDENT", 1, 1_000, "MEMBER");
        body.remove("orgId");

        var enrolled = finance.post("/pools/" + poolId + "/enrolments", body);

        assertThat(enrolled.toString(), enrolled.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/pools/" + poolId + "/coverage")
                .json().get("membersEnrolled").asLong() == 1);
        var rows = finance.get("/pools/" + poolId + "/coverage").json().get("rows");
        assertThat(rows.get(0).get("orgId").asText(), equalTo("factory-7"));
    }

    @Test
    void anImportLineNamingAnotherOrganisationIsRejectedAndOneNamingNoneIsPlacedInTheDirectorysOrganisation() {
        String poolId = PoolFixtures.aPool(finance);
        String csv = "member_id,plan_code,period_id,shares,amount_fen,payer_type,channel,employer_id,gift_fund_id,"
                + "org_id\n"
                + memberId + ",ACCIDENT,current,1,1000,MEMBER,payroll,,,factory-8\n"
                + memberId + "-b,ACCIDENT,current,1,1000,MEMBER,payroll,,,factory-8\n";

        var refused = finance.postFile("/pools/" + poolId + "/enrolment-imports", "file", "e.csv", csv);

        assertThat(refused.toString(), refused.status(), equalTo(200));
        assertThat(refused.json().get("applied").asLong(), equalTo(1L));
        assertThat(refused.json().get("rejections").get(0).get("code").asText(),
                equalTo("MEMBER_ORG_MUST_MATCH_DIRECTORY"));
        assertThat(events.countFor(org.unionledger.core.pool.CoverageIds.of(poolId, "ACCIDENT", "current", memberId)),
                equalTo(0L));

        var placed = finance.postFile("/pools/" + poolId + "/enrolment-imports", "file", "e.csv",
                "member_id,plan_code,period_id,shares,amount_fen,payer_type,channel,employer_id,gift_fund_id,org_id\n"
                        + memberId + ",ACCIDENT,current,1,1000,MEMBER,payroll,,,\n");
        assertThat(placed.toString(), placed.json().get("applied").asLong(), equalTo(1L));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/pools/" + poolId + "/coverage?orgId=factory-7")
                .json().get("membersEnrolled").asLong() == 1);
    }

    @Test
    void refusesAHardshipCaseForAnotherOrganisation() {
        var caseRefused = LedgerHttp.at(port).as("caseworker").post("/hardship-cases", Map.of(
                "caseId", "case-" + memberId, "memberId", memberId, "orgId", "factory-8", "householdSize", 3,
                "monthlyIncomePerHeadFen", 50_000, "causes", List.of("SERIOUS_ILLNESS")));
        assertThat(caseRefused.toString(), caseRefused.status(), equalTo(422));
        assertThat(caseRefused.json().get("code").asText(), equalTo("MEMBER_ORG_MUST_MATCH_DIRECTORY"));
        assertThat(events.countMentioning("case-" + memberId), equalTo(0L));
    }
}
