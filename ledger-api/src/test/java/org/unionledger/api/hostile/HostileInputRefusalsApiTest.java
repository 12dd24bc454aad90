package org.unionledger.api.hostile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.unionledger.api.support.ApiAssertions.assertProblem;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.api.support.LedgerHttp;

/** The 5xx answers and the poison event the hostile corpus found, each pinned to its 4xx. */
@ApiTest
class HostileInputRefusalsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private LedgerHttp finance;
    private String fundId;

    @BeforeEach
    void openFund() {
        finance = LedgerHttp.at(port).as("finance");
        fundId = "refusals-" + UUID.randomUUID();
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "Refusals",
                "fundType", "GENERAL"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
    }

    @Test
    void aNulCharacterInRequestTextIsRefusedBeforeAnyEventIsWritten() {
        long before = events.countFor(fundId);
        var answer = finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-1\",\"amountFen\":100,\"payerType\":\"MEMBER\",\"memo\":\"a\\u0000b\"}");
        assertProblem(answer, 400, "TEXT_CONTAINS_NUL");
        assertThat(events.countFor(fundId), equalTo(before));
    }

    @Test
    void aDateOutsideTheYears1900To9999IsRefusedBeforeAnyEventIsWritten() {
        long before = events.countFor(fundId);
        int n = 0;
        for (String date : new String[] {"-000001-01-01", "+999999999-12-31", "1899-12-31", "+10000-01-01"}) {
            var answer = finance.postRaw("/funds/" + fundId + "/contributions", "{\"contributionId\":\"d-" + (++n)
                    + "\",\"amountFen\":100,\"payerType\":\"MEMBER\",\"effectiveDate\":\"" + date + "\"}");
            assertProblem(answer, 400, "DATE_OUT_OF_RANGE");
        }
        assertThat(events.countFor(fundId), equalTo(before));
        // The edges pass the guard (another rule, such as a closed period, may still refuse 1900-01-01).
        for (String date : new String[] {"1900-01-01", "9999-12-31"}) {
            var edge = finance.postRaw("/funds/" + fundId + "/contributions", "{\"contributionId\":\"e-" + date
                    + "\",\"amountFen\":100,\"payerType\":\"MEMBER\",\"effectiveDate\":\"" + date + "\"}");
            assertThat(edge.toString(), edge.status(), not(equalTo(400)));
        }
    }

    @Test
    void aFieldGivenTwiceIsRefusedAsDuplicateNotAnsweredWithServerError() {
        var answer = finance.postRaw("/funds/" + fundId + "/contributions",
                "{\"contributionId\":\"c-1\",\"amountFen\":100,\"payerType\":\"MEMBER\",\"amountFen\":{\"$gt\":0}}");
        assertProblem(answer, 400, "DUPLICATE_FIELD");
    }

    @Test
    void aMultipartBodyWithoutBoundaryIsRefusedAsMalformed() {
        var answer = finance.send(finance.request("/funds/" + fundId + "/contributions")
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\n--x--", StandardCharsets.UTF_8)));
        assertProblem(answer, 400, "MULTIPART_MALFORMED");
    }

    @Test
    void aListHoldingNullIsRefusedAsSuchAndLaunchesNoProgram() {
        String programId = "nulls-" + UUID.randomUUID().toString().substring(0, 8);
        var answer = launch(programId, "\"p\"", "[null,null]", "[\"c-1\"]");
        assertProblem(answer, 400, "LIST_MUST_NOT_CONTAIN_NULL");
        assertThat(events.countMentioning(programId), equalTo(0L));
    }

    /** Found by the hostile corpus (seed 3019941818514586966): -2706 became the course "-2706". */
    @Test
    void aNumberWhereTextIsExpectedIsRefusedNotTurnedIntoTextAndLaunchesNoProgram() {
        String programId = "numbers-" + UUID.randomUUID().toString().substring(0, 8);
        var answer = launch(programId, "\"p\"", "[\"MEMBER_OF_ORG_IN_SCOPE\"]", "[\"c-1\",-2706]");
        assertProblem(answer, 400, "FIELD_TYPE_MISMATCH");
        assertThat(events.countMentioning(programId), equalTo(0L));

        var named = launch(programId, "true", "[\"MEMBER_OF_ORG_IN_SCOPE\"]", "[\"c-1\"]");
        assertProblem(named, 400, "FIELD_TYPE_MISMATCH");
        assertThat(events.countMentioning(programId), equalTo(0L));
    }

    /** A tuition program launch as raw JSON; name, criteria and course codes are given as JSON text. */
    private LedgerHttp.Response launch(String programId, String nameJson, String criteriaJson, String courseCodesJson) {
        return finance.postRaw("/subsidy-programs", "{\"programId\":\"" + programId + "\",\"orgId\":\"city\","
                + "\"name\":" + nameJson + ",\"amountRule\":\"FIXED\",\"amountPerPersonFen\":100,"
                + "\"criteria\":" + criteriaJson + ",\"courseCodes\":" + courseCodesJson + "}");
    }

    @Test
    void aNulCharacterInAQueryParameterIsRefusedBeforeReachingTheDatabase() {
        var answer = LedgerHttp.at(port).as("admin").get("/hardship/statistics?orgId=%00");
        assertProblem(answer, 400, "NUL_CHARACTER_REFUSED");
    }
}
