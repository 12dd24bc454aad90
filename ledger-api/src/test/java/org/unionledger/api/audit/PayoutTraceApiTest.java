package org.unionledger.api.audit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.unionledger.api.support.JsonMatchers.hasText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * The auditor's trace of a paid claim, a paid hardship grant and a paid subsidy grant: each lists
 * the payout events, the claim or grant with its documents, every decision (who, role, when, why),
 * the fund and the funding events under FIFO (allocations followed upstream), and every event's
 * place in the hash chain; the hardship grant's payment is also reconciled against an imported bank
 * statement line. One member and one claim or grant each.
 */
@ApiTest
class PayoutTraceApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PDF = "%PDF-1.4 application form".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x01, 0x02, 0x03};
    private static final byte[] DISCHARGE = "%PDF-1.4 discharge summary".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void traceOfAPaidClaimListsDocumentsEveryDecisionAndItsFunding() {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        LedgerHttp reviewer = LedgerHttp.at(port).as("reviewer");
        LedgerHttp reviewer2 = LedgerHttp.at(port).as("reviewer2");
        String poolId = "pool-" + run;
        String memberId = "m-" + run;
        created(finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "City mutual aid")));
        created(finance.post("/pools/" + poolId + "/periods", Map.of("periodId", "current",
                "startDate", TODAY.minusDays(30).toString(), "endDate", TODAY.plusDays(300).toString())));
        created(finance.post("/pools/" + poolId + "/enrolments", Map.of("memberId", memberId, "planCode", "ACCIDENT",
                "periodId", "current", "shares", 1, "amountFen", 1_000, "payerType", "MEMBER", "channel", "counter",
                "orgId", "factory-7")));
        created(finance.post("/funds/" + poolId + "-fund/contributions", Map.of("contributionId", "top-up-" + run,
                "amountFen", 10_000_000, "payerType", "UNION", "channel", "bank")));
        String claimId = "c-" + run;
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("claimId", claimId);
        claim.put("poolId", poolId);
        claim.put("planCode", "ACCIDENT");
        claim.put("periodId", "current");
        claim.put("memberId", memberId);
        claim.put("admissionDate", TODAY.toString());
        claim.put("dischargeDate", TODAY.toString());
        claim.put("totalCostFen", 2_000_000);
        claim.put("insideScopeFen", 2_000_000);
        claim.put("basicInsurancePaidFen", 0);
        claim.put("invoiceNumber", "FP-" + claimId);
        created(multipart(finance, "/claims", Map.of("claim", json(claim)), Map.of("APPLICATION_FORM", PDF,
                "INVOICE", JPEG)));
        created(reviewer.post("/claims/" + claimId + "/returns", Map.of("missingDocuments",
                List.of("DISCHARGE_SUMMARY"), "note", "discharge summary missing")));
        created(multipart(finance, "/claims/" + claimId + "/documents", Map.of(), Map.of("DISCHARGE_SUMMARY",
                DISCHARGE)));
        assertThat(reviewer.post("/claims/" + claimId + "/approvals", Map.of()).json().get("finalApproval")
                .asBoolean(), is(false));
        assertThat(reviewer2.post("/claims/" + claimId + "/approvals", Map.of()).json().get("finalApproval")
                .asBoolean(), is(true));
        created(finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "BANK-" + claimId)));

        JsonNode trace = paidTrace("claim:" + claimId);

        assertCommonParts(trace, poolId + "-fund", "CLAIM_PAYOUT", false);
        JsonNode subject = trace.get("subject");
        assertThat(subject.get("kind").asText(), equalTo("CLAIM"));
        assertThat(subject.get("aggregateId").asText(), equalTo(claimId));
        assertThat(subject.get("memberId").asText(), equalTo(memberId));
        assertThat(trace.get("paymentReference").asText(), equalTo("BANK-" + claimId));
        assertThat(documentHashes(trace), hasItems(sha256(PDF), sha256(JPEG), sha256(DISCHARGE)));
        assertThat(types(trace.get("relatedEvents")), hasItems("ClaimSubmitted", "ClaimReturned",
                "ClaimDocumentsAdded", "ClaimApproved", "ClaimPayoutReserved", "ClaimPaid"));
        JsonNode submitted = decision(trace, "ClaimSubmitted", 0);
        assertThat(submitted.get("principal").asText(), equalTo("finance"));
        assertThat(submitted.get("recordedBy").asText(), equalTo("finance"));
        JsonNode returned = decision(trace, "ClaimReturned", 0);
        assertThat(returned.get("principal").asText(), equalTo("reviewer"));
        assertThat(returned, hasText("roles"));
        assertThat(returned.get("reason").asText(), containsString("discharge summary missing"));
        assertThat(returned.get("reason").asText(), containsString("DISCHARGE_SUMMARY"));
        JsonNode first = decision(trace, "ClaimApproved", 0);
        JsonNode second = decision(trace, "ClaimApproved", 1);
        assertThat(first.get("recordedBy").asText(), equalTo("reviewer"));
        assertThat(first.get("summary").asText(), equalTo("claim approved (first of two approvals)"));
        assertThat(second.get("recordedBy").asText(), equalTo("reviewer2"));
        assertThat(second.get("summary").asText(), equalTo("claim approved (final approval)"));
        assertThat(second, hasText("at"));
        List<String> fundingIds = new ArrayList<>();
        trace.get("funding").get("sources").forEach(s -> fundingIds.add(s.get("sourceId").asText()));
        assertThat("FIFO: the enrolment contribution first, then the top-up", fundingIds.get(fundingIds.size() - 1),
                equalTo("top-up-" + run));
        assertThat(fundingIds.size(), equalTo(2));

        var page = LedgerHttp.at(port).as("auditor").get("/audit/payouts/claim:" + claimId + "/trace.html");
        assertThat(page.body(), containsString(sha256(DISCHARGE)));
        assertThat(page.body(), containsString("first of two approvals"));
    }

    @Test
    void traceOfAPaidHardshipGrantListsTheCaseVerificationsProposalAndApproval() {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        LedgerHttp caseworker = LedgerHttp.at(port).as("caseworker");
        LedgerHttp caseworker2 = LedgerHttp.at(port).as("caseworker2");
        String org = "org-" + run;
        String fundId = org + "-hardship";
        String caseId = org + "-hh";
        created(finance.post("/funds", Map.of("fundId", fundId, "orgId", org, "name", "Hardship fund",
                "fundType", "HARDSHIP")));
        created(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "raise-" + run,
                "amountFen", 500_000, "payerType", "UNION", "effectiveDate", "2026-01-05")));
        created(caseworker.post("/hardship-cases", Map.of("caseId", caseId, "memberId", "m-" + caseId, "orgId", org,
                "householdSize", 4, "monthlyIncomePerHeadFen", 45_000, "causes", List.of("UNEMPLOYMENT"),
                "registeredOn", "2025-06-01")));
        for (String department : List.of("CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY")) {
            created(caseworker.post("/hardship-cases/" + caseId + "/verifications", Map.of("department", department,
                    "passed", true, "note", "checked by " + department)));
        }
        String grants = "/hardship-cases/" + caseId + "/grants";
        created(caseworker.post(grants, Map.of("grantId", "g-1", "fundId", fundId, "type", "LIVING_ALLOWANCE",
                "cashAmountFen", 80_000, "proposedOn", "2026-01-10")));
        created(caseworker.post(grants, Map.of("grantId", "g-other", "fundId", fundId, "type", "LIVING_ALLOWANCE",
                "cashAmountFen", 10_000, "proposedOn", "2026-01-11")));
        created(caseworker2.post(grants + "/g-1/approvals", Map.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> finance.post(grants + "/g-1/payments",
                Map.of("paymentReference", "BANK-77", "paidOn", "2026-02-15")).status() == 201);

        paidTrace("hardship-grant:" + caseId + ":g-1");
        var imported = finance.postFile("/funds/" + fundId + "/bank-statements?statementId=st-" + run, "file",
                "february.csv", "date,amount,reference,counterparty\n2026-02-16,-800.00,BANK-77,Household m\n");
        created(imported);
        JsonNode[] reconciled = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            reconciled[0] = paidTrace("hardship-grant:" + caseId + ":g-1");
            return reconciled[0].hasNonNull("bankStatementLine");
        });
        JsonNode trace = reconciled[0];

        assertCommonParts(trace, fundId, "HARDSHIP_GRANT", true);
        JsonNode line = trace.get("bankStatementLine");
        assertThat(line.get("statementId").asText(), equalTo("st-" + run));
        assertThat(line.get("amountFen").asLong(), equalTo(-80_000L));
        assertThat(line.get("bankReference").asText(), equalTo("BANK-77"));
        JsonNode subject = trace.get("subject");
        assertThat(subject.get("kind").asText(), equalTo("HARDSHIP_GRANT"));
        assertThat(subject.get("aggregateId").asText(), equalTo(caseId));
        assertThat(subject.get("itemId").asText(), equalTo("g-1"));
        assertThat(subject.get("memberId").asText(), equalTo("m-" + caseId));
        assertThat(types(trace.get("relatedEvents")), hasItems("HardshipCaseRegistered", "VerificationCheckRecorded",
                "HardshipCaseVerified", "GrantProposed", "GrantApproved", "GrantReserved", "GrantPaid"));
        for (JsonNode event : trace.get("relatedEvents")) {
            assertThat("the other grant of the case is left out", event.get("payload").path("grantId").asText(),
                    not(equalTo("g-other")));
        }
        assertThat(decision(trace, "HardshipCaseRegistered", 0).get("recordedBy").asText(), equalTo("caseworker"));
        JsonNode check = decision(trace, "VerificationCheckRecorded", 0);
        assertThat(check.get("reason").asText(), startsWith("checked by"));
        assertThat(check, hasText("effectiveOn"));
        assertThat(decision(trace, "GrantProposed", 0).get("principal").asText(), equalTo("caseworker"));
        JsonNode approved = decision(trace, "GrantApproved", 0);
        assertThat(approved.get("principal").asText(), equalTo("caseworker2"));
        assertThat(approved.get("recordedBy").asText(), equalTo("caseworker2"));
        assertThat(approved, hasText("roles"));
        JsonNode source = trace.get("funding").get("sources").get(0);
        assertThat(source.get("sourceId").asText(), equalTo("raise-" + run));
        assertThat(source.get("attributedFen").asLong(), equalTo(80_000L));
    }

    @Test
    void traceOfAPaidSubsidyGrantFollowsTheAllocationIntoItsSourceFund() {
        LedgerHttp admin = LedgerHttp.at(port).as("admin");
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        String city = "city-" + run;
        String district = "district-" + run;
        String cityFund = "city-general-" + run;
        String program = "tuition-" + run;
        String programFund = "subsidy:" + program;
        String memberId = "m-" + run;
        registerOrg(admin, city, "CITY_FEDERATION", null);
        registerOrg(admin, district, "DISTRICT", city);
        created(finance.post("/funds", Map.of("fundId", cityFund, "orgId", city, "name", "City general",
                "fundType", "GENERAL")));
        created(finance.post("/funds/" + cityFund + "/contributions", Map.of("contributionId", "dues-" + run,
                "amountFen", 1_000_000, "payerType", "UNION")));
        created(finance.post("/subsidy-programs", Map.of("programId", program, "orgId", district,
                "name", "Tuition subsidy", "amountRule", "FIXED", "amountPerPersonFen", 250_000,
                "criteria", List.of("MEMBER_OF_ORG_IN_SCOPE", "ENROLLED_IN_COURSE"),
                "courseCodes", List.of("VOCATIONAL"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/funds/" + programFund + "/balance")
                .status() == 200 && finance.get("/funds/" + cityFund + "/balance").status() == 200);
        assertThat(finance.post("/allocations", Map.of("allocationId", "alloc-" + run, "sourceFundId", cityFund,
                "targetFundId", programFund, "amountFen", 300_000)).status(), equalTo(202));
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.get("/subsidy-programs/" + program
                + "/utilisation").json().path("budgetFen").asLong() == 300_000);
        var applied = LedgerHttp.at(port).as("caseworker").post("/subsidy-programs/" + program + "/applications",
                Map.of("applicationId", "app-1", "memberId", memberId, "memberOrgId", district,
                        "courseCode", "VOCATIONAL"));
        created(applied);
        String grantId = applied.json().get("grantId").asText();
        assertThat(grantId, equalTo("sub:" + program + ":" + memberId));
        created(LedgerHttp.at(port).as("reviewer").post("/subsidy-programs/" + program
                + "/applications/app-1/approvals", Map.of()));
        created(finance.post("/subsidy-programs/" + program + "/applications/app-1/payments",
                Map.of("method", "CASH", "paymentReference", "P-" + run)));

        JsonNode trace = paidTrace(grantId);

        assertCommonParts(trace, programFund, "SUBSIDY_GRANT", false);
        JsonNode subject = trace.get("subject");
        assertThat(subject.get("kind").asText(), equalTo("SUBSIDY_GRANT"));
        assertThat(subject.get("aggregateId").asText(), equalTo(program));
        assertThat(subject.get("itemId").asText(), equalTo(grantId));
        assertThat(subject.get("memberId").asText(), equalTo(memberId));
        assertThat(types(trace.get("relatedEvents")), hasItems("SubsidyProgramLaunched", "SubsidyApplied",
                "SubsidyGranted", "SubsidyPaid"));
        assertThat(decision(trace, "SubsidyApplied", 0).get("principal").asText(), equalTo("caseworker"));
        assertThat(decision(trace, "SubsidyApplied", 0).get("recordedBy").asText(), equalTo("caseworker"));
        assertThat(decision(trace, "SubsidyGranted", 0).get("principal").asText(), equalTo("reviewer"));
        assertThat(decision(trace, "SubsidyGranted", 0).get("recordedBy").asText(), equalTo("reviewer"));
        JsonNode funding = trace.get("funding");
        assertThat(funding.get("rule").asText(), containsString("AllocationReceived"));
        JsonNode allocation = funding.get("sources").get(0);
        assertThat(allocation.get("eventType").asText(), equalTo("AllocationReceived"));
        assertThat(allocation.get("sourceId").asText(), equalTo("alloc-" + run));
        assertThat(allocation.get("sourceFundId").asText(), equalTo(cityFund));
        assertThat(allocation.get("attributedFen").asLong(), equalTo(250_000L));
        assertThat(types(allocation.get("allocationEvents")), equalTo(List.of("FundsReserved", "AllocationAccepted",
                "AllocationSent")));
        allChainedOrFail(allocation.get("allocationEvents"));
        JsonNode upstream = allocation.get("upstream").get("sources").get(0);
        assertThat("the city's dues funded the allocation", upstream.get("sourceId").asText(),
                equalTo("dues-" + run));
        assertThat(upstream.get("attributedFen").asLong(), equalTo(300_000L));
        assertThat(upstream.get("chainPosition").asLong() > 0, is(true));
    }

    // The parts every trace lists

    private void assertCommonParts(JsonNode trace, String fundId, String purpose, boolean reconciled) {
        assertThat(trace.get("status").asText(), equalTo("DISBURSED"));
        assertThat(trace.get("purpose").asText(), equalTo(purpose));
        assertThat(trace.get("fund").get("fundId").asText(), equalTo(fundId));
        assertThat(trace.get("fund"), hasText("fundType"));
        assertThat("the bank statement line when reconciled, else absent", trace.hasNonNull("bankStatementLine"),
                is(reconciled));
        assertThat(types(trace.get("payoutEvents")), equalTo(List.of("FundsReserved", "ReservationDisbursed")));
        allChainedOrFail(trace.get("payoutEvents"));
        allChainedOrFail(trace.get("relatedEvents"));
        List<Boolean> whoKnown = new ArrayList<>();
        for (JsonNode decision : trace.get("decisions")) {
            whoKnown.add(decision.hasNonNull("principal") && decision.hasNonNull("at")
                    && decision.hasNonNull("correlationId") && decision.hasNonNull("chainPosition"));
        }
        assertThat("every decision says who, when, correlation and chain position", whoKnown, everyItem(is(true)));
        assertThat(types(trace.get("decisions")), hasItem("ReservationDisbursed"));
        JsonNode funding = trace.get("funding");
        assertThat(funding.get("rule").asText(), startsWith("FIFO per fund"));
        assertThat(funding.get("attributedFen").asLong(), equalTo(trace.get("amountFen").asLong()));
        allChainedOrFail(funding.get("sources"));
    }

    /** Waits until the payout is disbursed and every event of the trace is chained. */
    private JsonNode paidTrace(String reservationId) {
        LedgerHttp auditor = LedgerHttp.at(port).as("auditor");
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = auditor.get("/audit/payouts/" + reservationId + "/trace");
            if (response.status() != 200) {
                return false;
            }
            latest[0] = response.json();
            return latest[0].get("status").asText().equals("DISBURSED") && allChained(latest[0].get("payoutEvents"))
                    && allChained(latest[0].get("relatedEvents")) && allChained(latest[0].get("funding")
                    .get("sources")) && hasPaidEvent(latest[0]);
        });
        return latest[0];
    }

    /** The domain's own "paid" event is written by a policy a moment after the fund's. */
    private static boolean hasPaidEvent(JsonNode trace) {
        List<String> types = types(trace.get("relatedEvents"));
        return types.contains("ClaimPaid") || types.contains("GrantPaid") || types.contains("SubsidyPaid");
    }

    private static boolean allChained(JsonNode events) {
        for (JsonNode event : events) {
            if (!event.hasNonNull("chainPosition")) {
                return false;
            }
        }
        return true;
    }

    private static void allChainedOrFail(JsonNode events) {
        for (JsonNode event : events) {
            assertThat(event.toString(), event.get("chainPosition").asLong() > 0, is(true));
            assertThat(event.get("chainHash").asText().length(), equalTo(64));
        }
    }

    private static JsonNode decision(JsonNode trace, String eventType, int nth) {
        int seen = 0;
        for (JsonNode decision : trace.get("decisions")) {
            if (decision.get("eventType").asText().equals(eventType) && seen++ == nth) {
                return decision;
            }
        }
        throw new AssertionError("no decision " + eventType + " #" + nth + " in " + trace.get("decisions"));
    }

    private static List<String> documentHashes(JsonNode trace) {
        List<String> hashes = new ArrayList<>();
        trace.get("documents").forEach(d -> hashes.add(d.get("value").asText()));
        return hashes;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("eventType").asText()));
        return types;
    }

    private void registerOrg(LedgerHttp admin, String orgId, String level, String parent) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("orgId", orgId, "name", "Org " + orgId, "level", level));
        if (parent != null) {
            body.put("parentOrgId", parent);
        }
        created(admin.post("/orgs", body));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/orgs/" + orgId).status() == 200);
    }

    private static LedgerHttp.Response multipart(LedgerHttp as, String path, Map<String, byte[]> jsonParts,
                                                 Map<String, byte[]> files) {
        List<LedgerHttp.Part> parts = new ArrayList<>();
        jsonParts.forEach((name, json) -> parts.add(LedgerHttp.Part.json(name, json)));
        files.forEach((kind, content) -> parts.add(content[0] == '%' ? LedgerHttp.Part.pdf(kind, content)
                : LedgerHttp.Part.jpeg(kind, content)));
        return as.postMultipart(path, parts);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void created(LedgerHttp.Response response) {
        assertThat(response.toString(), response.status(), equalTo(201));
    }
}
