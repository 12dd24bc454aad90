package org.unionledger.api.subsidy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.unionledger.api.support.ApiAssertions.assertProblem;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * The tuition subsidy of the unions' report, end to end over HTTP: a city-district-grassroots
 * tree, union money allocated from the city down to the district's program, matching money from
 * government, enterprises and a donor, and 2,500 yuan per person until the budget is exhausted.
 */
@ApiTest
class TuitionProgramApiTest {

    private static final long TUITION_FEN = 250_000;
    private static final int GRANTS = 959;
    private static final int GRASSROOTS_MEMBERS = 900;
    private static final long UNION_ALLOCATION_FEN = 39_750_000;
    private static final long GOVERNMENT_FEN = 150_000_000;
    private static final long ENTERPRISE_FEN = 40_000_000;
    private static final long DONOR_FEN = 10_000_000;
    private static final long GRASSROOTS_ALLOCATION_FEN = 10_000_000;
    private static final long CITY_UNION_MONEY_FEN = 100_000_000;

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String city = "city-" + run;
    private final String district = "district-" + run;
    private final String grassroots = "plant-" + run;
    private final String program = "tuition-" + run;
    private final String programFund = "subsidy:tuition-" + run;
    private final String cityFund = "city-general-" + run;
    private final String grassrootsFund = "plant-general-" + run;

    private LedgerHttp admin;
    private LedgerHttp finance;

    @Test
    void runsTheTuitionProgramToExhaustionAndReportsLeverageAndGrassrootsShare() throws Exception {
        admin = LedgerHttp.at(port).as("admin");
        finance = LedgerHttp.at(port).as("finance");
        buildTheTree();
        openFundsAndLaunchTheProgram();
        allocateAndFund();

        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= GRANTS + 1; i++) {
            all.add(i);
        }
        LedgerHttp caseworker = LedgerHttp.at(port).as("caseworker");
        LedgerHttp reviewer = LedgerHttp.at(port).as("reviewer");
        assertThat(inParallel(all.subList(0, GRANTS), i -> () -> apply(caseworker, i).status()), everyItem(equalTo(201)));
        assertThat(inParallel(all.subList(0, GRANTS), i -> () -> reviewer.post(application(i) + "/approvals", Map.of())
                .status()), everyItem(equalTo(201)));

        // The 960th: recorded by a reviewer, who may not approve it; a second reviewer finds no budget left.
        assertThat(apply(reviewer, GRANTS + 1).status(), equalTo(201));
        assertProblem(reviewer.post(application(GRANTS + 1) + "/approvals", Map.of()), 422,
                "APPROVER_MUST_DIFFER_FROM_APPLICANT");
        assertProblem(LedgerHttp.at(port).as("reviewer2").post(application(GRANTS + 1) + "/approvals", Map.of()), 422,
                "BUDGET_MUST_COVER_GRANT");
        // Once per person per program.
        assertProblem(caseworker.post("/subsidy-programs/" + program + "/applications",
                Map.of("applicationId", "again-1", "memberId", member(1), "memberOrgId", grassroots,
                        "courseCode", "VOCATIONAL")), 422, "ONE_GRANT_PER_MEMBER_PER_PROGRAM");

        assertThat(inParallel(all.subList(0, GRANTS), i -> () -> finance.post(application(i) + "/payments",
                Map.of("method", i % 2 == 0 ? "VOUCHER" : "CASH", "paymentReference", "P-" + i)).status()),
                everyItem(equalTo(201)));

        await().atMost(Duration.ofSeconds(60)).until(() -> utilisation().get("paidCount").asInt() == GRANTS);
        JsonNode utilisation = utilisation();
        assertThat(utilisation.get("budgetFen").asLong(), equalTo(GRANTS * TUITION_FEN));
        assertThat(utilisation.get("grantedFen").asLong(), equalTo(GRANTS * TUITION_FEN));
        assertThat(utilisation.get("paidFen").asLong(), equalTo(GRANTS * TUITION_FEN));
        assertThat(utilisation.get("remainingFen").asLong(), equalTo(0L));
        assertThat(utilisation.get("beneficiaries").asInt(), equalTo(GRANTS));
        assertThat(utilisation.get("applicationCount").asInt(), equalTo(GRANTS + 1));

        // The program's fund paid out exactly its budget: the policy disbursed every grant.
        await().atMost(Duration.ofSeconds(60)).until(() -> balance(programFund).get("outFen").asLong()
                == GRANTS * TUITION_FEN);
        assertThat(balance(programFund).get("availableFen").asLong(), equalTo(0L));
        assertThat(balance(programFund).get("reservedFen").asLong(), equalTo(0L));

        JsonNode leverage = admin.get("/statistics/leverage?orgId=" + city).json();
        assertThat(leverage.get("unionFen").asLong(), equalTo(UNION_ALLOCATION_FEN));
        assertThat(leverage.get("matchingFen").asLong(), equalTo(GOVERNMENT_FEN + ENTERPRISE_FEN + DONOR_FEN));
        assertThat(leverage.get("ratio").decimalValue(), equalTo(new BigDecimal("5.0314")));

        // Money leaving the city and district: 959 grants plus the allocation to the plant's fund
        // (the allocation city -> district stays between upper levels and is counted when spent).
        // Reached the grassroots: 900 grants to plant members plus the plant's allocation.
        await().atMost(Duration.ofSeconds(30)).until(() -> grassrootsShare().get("totalFen").asLong()
                == GRANTS * TUITION_FEN + GRASSROOTS_ALLOCATION_FEN);
        JsonNode share = grassrootsShare();
        assertThat(share.get("grassrootsFen").asLong(),
                equalTo(GRASSROOTS_MEMBERS * TUITION_FEN + GRASSROOTS_ALLOCATION_FEN));
        assertThat(share.get("sharePercent").decimalValue(), equalTo(new BigDecimal("94.09")));

        clawBackPartOfThePlantsAllocation();
    }

    private void buildTheTree() {
        register(city, "CITY_FEDERATION", null);
        register(district, "DISTRICT", city);
        register(grassroots, "GRASSROOTS", district);
    }

    private void register(String orgId, String level, String parent) {
        Map<String, Object> body = new HashMap<>(Map.of("orgId", orgId, "name", "Org " + orgId, "level", level));
        if (parent != null) {
            body.put("parentOrgId", parent);
        }
        var registered = admin.post("/orgs", body);
        assertThat(registered.toString(), registered.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/orgs/" + orgId).status() == 200);
    }

    private void openFundsAndLaunchTheProgram() {
        assertThat(finance.post("/funds", Map.of("fundId", cityFund, "orgId", city, "name", "City general",
                "fundType", "GENERAL")).status(), equalTo(201));
        assertThat(finance.post("/funds", Map.of("fundId", grassrootsFund, "orgId", grassroots, "name",
                "Plant general", "fundType", "GENERAL")).status(), equalTo(201));
        assertThat(finance.post("/funds/" + cityFund + "/contributions", Map.of("contributionId", "dues-" + run,
                "amountFen", CITY_UNION_MONEY_FEN, "payerType", "UNION")).status(), equalTo(201));
        var launched = finance.post("/subsidy-programs", Map.of("programId", program, "orgId", district,
                "name", "Tuition subsidy", "amountRule", "FIXED", "amountPerPersonFen", TUITION_FEN,
                "criteria", List.of("MEMBER_OF_ORG_IN_SCOPE", "ENROLLED_IN_COURSE"),
                "courseCodes", List.of("VOCATIONAL")));
        assertThat(launched.toString(), launched.status(), equalTo(201));
        assertThat(launched.json().get("fundId").asText(), equalTo(programFund));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/funds/" + programFund + "/balance").status()
                == 200 && finance.get("/funds/" + grassrootsFund + "/balance").status() == 200
                && balance(cityFund).get("inFen").asLong() == CITY_UNION_MONEY_FEN);
    }

    private void allocateAndFund() {
        assertProblem(finance.post("/allocations", Map.of("allocationId", "up-" + run, "sourceFundId", grassrootsFund,
                "targetFundId", cityFund, "amountFen", 1)), 422, "ALLOCATION_MUST_GO_DOWN_THE_TREE");
        var allocated = finance.post("/allocations", Map.of("allocationId", "union-" + run, "sourceFundId", cityFund,
                "targetFundId", programFund, "amountFen", UNION_ALLOCATION_FEN));
        assertThat(allocated.toString(), allocated.status(), equalTo(202));
        assertThat(finance.post("/allocations", Map.of("allocationId", "plant-" + run, "sourceFundId", cityFund,
                "targetFundId", grassrootsFund, "amountFen", GRASSROOTS_ALLOCATION_FEN)).status(), equalTo(202));
        contribute("gov", "GOVERNMENT", GOVERNMENT_FEN);
        contribute("ent", "ENTERPRISE", ENTERPRISE_FEN);
        contribute("donor", "DONOR", DONOR_FEN);

        await().atMost(Duration.ofSeconds(30)).until(() -> utilisation().get("budgetFen").asLong()
                == GRANTS * TUITION_FEN);
        JsonNode allocation = finance.get("/allocations/union-" + run).json();
        assertThat(allocation.get("status").asText(), equalTo("RECEIVED"));
        assertThat(allocation.get("targetOrgId").asText(), equalTo(district));
        JsonNode cityBalance = balance(cityFund);
        assertThat(cityBalance.get("outFen").asLong(), equalTo(UNION_ALLOCATION_FEN + GRASSROOTS_ALLOCATION_FEN));
        assertThat(cityBalance.get("reservedFen").asLong(), equalTo(0L));
    }

    private void contribute(String id, String source, long amountFen) {
        var recorded = finance.post("/subsidy-programs/" + program + "/contributions", Map.of("contributionId",
                id + "-" + run, "source", source, "amountFen", amountFen, "channel", "bank"));
        assertThat(recorded.toString(), recorded.status(), equalTo(201));
    }

    private void clawBackPartOfThePlantsAllocation() {
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(grassrootsFund).get("availableFen").asLong()
                == GRASSROOTS_ALLOCATION_FEN);
        assertProblem(finance.post("/allocations/plant-" + run + "/clawbacks", Map.of("clawbackId", "cb-" + run,
                "amountFen", GRASSROOTS_ALLOCATION_FEN + 1)), 422, "CLAWBACK_MUST_NOT_EXCEED_UNUSED_ALLOCATION");
        var clawback = finance.post("/allocations/plant-" + run + "/clawbacks", Map.of("clawbackId", "cb-" + run,
                "amountFen", 4_000_000, "reason", "period end"));
        assertThat(clawback.toString(), clawback.status(), equalTo(202));

        await().atMost(Duration.ofSeconds(20)).until(() -> "RECEIVED".equals(
                finance.get("/allocations/cb-" + run).json().path("status").asText()));
        JsonNode allocation = finance.get("/allocations/plant-" + run).json();
        assertThat(allocation.get("clawedBackFen").asLong(), equalTo(4_000_000L));
        assertThat(allocation.get("unusedFen").asLong(), equalTo(6_000_000L));
        assertThat(balance(grassrootsFund).get("availableFen").asLong(), equalTo(6_000_000L));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(cityFund).get("availableFen").asLong()
                == CITY_UNION_MONEY_FEN - UNION_ALLOCATION_FEN - GRASSROOTS_ALLOCATION_FEN + 4_000_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> grassrootsShare().get("grassrootsFen").asLong()
                == GRASSROOTS_MEMBERS * TUITION_FEN + GRASSROOTS_ALLOCATION_FEN - 4_000_000);
    }

    private LedgerHttp.Response apply(LedgerHttp staff, int i) {
        return staff.post("/subsidy-programs/" + program + "/applications", Map.of("applicationId", "app-" + i,
                "memberId", member(i), "memberOrgId", i <= GRASSROOTS_MEMBERS ? grassroots : district,
                "courseCode", "VOCATIONAL"));
    }

    private String member(int i) {
        return "m-" + run + "-" + i;
    }

    private String application(int i) {
        return "/subsidy-programs/" + program + "/applications/app-" + i;
    }

    private JsonNode utilisation() {
        var response = finance.get("/subsidy-programs/" + program + "/utilisation");
        return response.status() == 200 ? response.json() : com.fasterxml.jackson.databind.node.MissingNode
                .getInstance();
    }

    private JsonNode grassrootsShare() {
        return admin.get("/statistics/grassroots-share?orgId=" + city).json();
    }

    private JsonNode balance(String fundId) {
        return finance.get("/funds/" + fundId + "/balance").json();
    }

    /** Sends the requests on a small pool, as several clerks at once would. */
    private static <T> List<T> inParallel(List<Integer> items, IntFunction<Callable<T>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int item : items) {
                futures.add(pool.submit(request.apply(item)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
