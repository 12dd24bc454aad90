package org.unionledger.api.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * Every operation of the OpenAPI document x every role x an object inside and one outside the
 * caller's organisation subtree, against authorization-matrix.txt. An operation missing from the
 * file fails the test, so a new endpoint cannot be forgotten; no operation but the public ones
 * answers without signing in.
 */
@ApiTest
class AuthorizationMatrixTest {

    /** Users who see the whole tree (city level), one per role. */
    private static final Map<String, String> CITY_USERS = Map.of("ADMIN", "admin", "FINANCE_OFFICER", "finance",
            "CLAIMS_REVIEWER", "reviewer", "CASE_WORKER", "caseworker", "AUDITOR", "auditor", "MEMBER", "member");
    /** Users limited to district-1 (ScopedTestUsers), one per role that can be limited. */
    private static final Map<String, String> DISTRICT_USERS = Map.of("FINANCE_OFFICER", "district",
            "CLAIMS_REVIEWER", "district-reviewer", "CASE_WORKER", "district-caseworker", "AUDITOR", "district-auditor",
            "MEMBER", "district-member");
    private static final String DISTRICT = "district-1";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    /** What a matrix line's scope column may say; anything else is a typo in the file. */
    private static final Set<String> SCOPES = Set.of("path", "body", "list", "self", "root", "none", "public");

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sequence = new AtomicInteger();
    private LedgerHttp http;
    private Fixtures inside;
    private Fixtures outside;

    @BeforeEach
    void setUp() {
        http = LedgerHttp.at(port);
        LedgerHttp admin = http.as("admin");
        admin.post("/orgs", Map.of("orgId", "city", "name", "City federation", "level", "CITY_FEDERATION"));
        // A child is registered only once its parent is readable.
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/orgs/city").status() == 200);
        admin.post("/orgs", Map.of("orgId", DISTRICT, "name", "District 1", "level", "DISTRICT", "parentOrgId", "city"));
        String otherDistrict = "mx-out-" + run;
        ok(admin.post("/orgs", Map.of("orgId", otherDistrict, "name", "Other", "level", "DISTRICT",
                "parentOrgId", "city")));
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/orgs/" + DISTRICT).status() == 200
                && admin.get("/orgs/" + otherDistrict).status() == 200);
        inside = Fixtures.create(admin, DISTRICT, "mx-in-" + run, "m-district-1");
        outside = Fixtures.create(admin, otherDistrict, "mx-out-" + run, "m-out-" + run);
        inside.awaitReadable(admin);
        outside.awaitReadable(admin);
    }

    @Test
    void everyOperationAnswersEveryRoleAsTheMatrixSays() throws IOException {
        List<Expectation> expectations = Expectation.load();
        Set<String> documented = operationsOfTheOpenApiDocument();
        Set<String> listed = new TreeSet<>();
        expectations.forEach(expectation -> listed.add(expectation.operation()));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(listed);
        assertThat("operations of /v3/api-docs missing from authorization-matrix.txt", missing, empty());
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(documented);
        assertThat("lines of authorization-matrix.txt naming no operation", stale, empty());

        List<String> failures = new ArrayList<>();
        for (Expectation expectation : expectations) {
            check(expectation, "anonymous", null, inside, failures);
            for (var user : CITY_USERS.entrySet()) {
                check(expectation, user.getValue(), user.getKey(), inside, failures);
            }
            for (var user : DISTRICT_USERS.entrySet()) {
                check(expectation, user.getValue(), user.getKey(), inside, failures);
                check(expectation, user.getValue(), user.getKey(), outside, failures);
            }
        }
        assertThat(String.join("\n", failures), failures, empty());
    }

    private void check(Expectation expectation, String user, String role, Fixtures target, List<String> failures) {
        boolean restricted = DISTRICT_USERS.containsValue(user);
        boolean inScope = "MEMBER".equals(role) ? user.equals("district-member") && target == inside
                : target == inside || !restricted;
        LedgerHttp caller = role == null ? http.anonymous() : http.as(user);
        LedgerHttp.Response response = send(caller, expectation, target);
        String expected = expected(expectation, role, restricted, inScope);
        boolean matches = switch (expected) {
            case "2xx" -> response.status() >= 200 && response.status() < 300;
            case "401" -> response.status() == 401;
            case "403" -> response.status() == 403;
            case "403|404" -> response.status() == 403 || response.status() == 404;
            default -> response.status() < 500 && response.status() != 401 && response.status() != 403;
        };
        if (!matches) {
            failures.add(expectation.operation() + " as " + user + (inScope ? " (in scope)" : " (out of scope)")
                    + ": expected " + expected + ", got " + response.status() + " " + abbreviated(response.body()));
        }
    }

    /** What the matrix promises: 2xx, 401, 403, 403|404 (out of scope) or "allowed" (not 401/403, not 5xx). */
    private static String expected(Expectation expectation, String role, boolean restricted, boolean inScope) {
        if (expectation.scope().equals("public")) {
            return "2xx";
        }
        if (role == null) {
            return "401";
        }
        if (!expectation.roles().contains(role)) {
            return "403";
        }
        if (role.equals("MEMBER")) {
            return inScope ? "allowed" : "403";
        }
        if (!restricted) {
            return "allowed";
        }
        return switch (expectation.scope()) {
            case "root" -> "403";
            case "none" -> "allowed";
            default -> inScope ? "allowed" : "403|404";
        };
    }

    private LedgerHttp.Response send(LedgerHttp caller, Expectation expectation, Fixtures target) {
        String path = target.fill(expectation.path());
        String orgFilter = expectation.scope().equals("list") && target == outside ? "orgId=" + target.org : null;
        if (expectation.method().equals("GET")) {
            String query = expectation.body().equals("-") ? "" : target.fillBody(expectation.body(), run);
            if (orgFilter != null) {
                query = query.isEmpty() ? "?" + orgFilter : query + "&" + orgFilter;
            }
            return caller.get(path + query);
        }
        if (orgFilter != null) {
            path = path + "?" + orgFilter;
        }
        String body = expectation.body();
        if (body.startsWith("@csv:")) {
            return caller.postFile(path, "file", "matrix.csv", body.substring("@csv:".length()) + "\n");
        }
        if (body.startsWith("@claim:")) {
            String claim = target.fillBody(body.substring("@claim:".length()), run + "-" + sequence.incrementAndGet());
            return caller.postClaim(claim, ("%PDF-1.4 matrix " + run).getBytes(StandardCharsets.US_ASCII));
        }
        if (body.equals("-")) {
            return caller.send(caller.request(path).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        }
        return caller.postRaw(path, target.fillBody(body, run + "-" + sequence.incrementAndGet()));
    }

    private Set<String> operationsOfTheOpenApiDocument() {
        JsonNode paths = ok(http.as("admin").get("/v3/api-docs")).json().get("paths");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            var path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " "
                    + path.getKey()));
        }
        return operations;
    }

    private static LedgerHttp.Response ok(LedgerHttp.Response response) {
        assertThat(response.toString(), response.status() < 300, equalTo(true));
        return response;
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    /** One line of authorization-matrix.txt. */
    record Expectation(String method, String path, Set<String> roles, String scope, String body) {

        String operation() {
            return method + " " + path;
        }

        static List<Expectation> load() throws IOException {
            List<Expectation> lines = new ArrayList<>();
            try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/authorization-matrix.txt")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cells = line.split("\\|", 4);
                    String[] operation = cells[0].trim().split(" ");
                    String scope = cells[2].trim();
                    if (!SCOPES.contains(scope)) {
                        throw new IllegalArgumentException("authorization-matrix.txt: unknown scope " + scope
                                + " in: " + line);
                    }
                    lines.add(new Expectation(operation[0], operation[1], Set.of(cells[1].trim().split(" +")),
                            scope, cells[3].trim()));
                }
            }
            return lines;
        }
    }

    /**
     * The objects of one organisation that the path ids and bodies point at. The claim is the member's,
     * under the organisation's pool, with one document of its own (a PDF no other claim has).
     */
    record Fixtures(String org, String fund, String fund2, String hardshipFund, String pool, String member,
                    String caseId, String program, String allocation, String reservation, String claim,
                    String document) {

        static Fixtures create(LedgerHttp admin, String org, String prefix, String member) {
            byte[] pdf = ("%PDF-1.4 " + prefix).getBytes(StandardCharsets.US_ASCII);
            Fixtures f = new Fixtures(org, prefix + "-fund", prefix + "-fund2", prefix + "-hfund", prefix + "-pool",
                    member, prefix + "-case", prefix + "-prog", prefix + "-alloc", prefix + "-res",
                    prefix + "-claim", sha256(pdf));
            for (String fund : List.of(f.fund, f.fund2)) {
                ok(admin.post("/funds", Map.of("fundId", fund, "orgId", org, "name", fund, "fundType", "GENERAL")));
            }
            ok(admin.post("/funds", Map.of("fundId", f.hardshipFund, "orgId", org, "name", "h", "fundType",
                    "HARDSHIP")));
            ok(admin.post("/funds/" + f.fund + "/contributions", Map.of("contributionId", "c1",
                    "amountFen", 1_000_000, "payerType", "UNION")));
            ok(admin.post("/funds/" + f.fund + "/reservations", Map.of("reservationId", f.reservation,
                    "amountFen", 100, "purpose", "HARDSHIP_GRANT")));
            ok(admin.post("/pools", Map.of("poolId", f.pool, "orgId", org, "name", "pool")));
            var registered = admin.post("/members", Map.of("memberId", member, "name", "Member", "nationalId",
                    nationalId(), "phone", "13812345678", "orgId", org));
            assertThat(registered.toString(), registered.status() == 201 || registered.status() == 422, equalTo(true));
            ok(admin.post("/allocations", Map.of("allocationId", f.allocation, "sourceFundId", f.fund,
                    "targetFundId", f.fund2, "amountFen", 1000)));
            ok(admin.post("/subsidy-programs", Map.of("programId", f.program, "orgId", org, "name", "p",
                    "amountRule", "FIXED", "amountPerPersonFen", 100)));
            ok(admin.as("caseworker").post("/hardship-cases", Map.of("caseId", f.caseId,
                    "memberId", member, "orgId", org, "householdSize", 3, "monthlyIncomePerHeadFen", 10000,
                    "causes", List.of("SERIOUS_ILLNESS"))));
            ok(admin.post("/pools/" + f.pool + "/periods", Map.of("periodId", "current",
                    "startDate", TODAY.minusDays(30).toString(), "endDate", TODAY.plusDays(300).toString())));
            ok(admin.post("/pools/" + f.pool + "/enrolments", Map.of("memberId", member, "planCode", "ACCIDENT",
                    "periodId", "current", "shares", 1, "amountFen", 1_000, "payerType", "MEMBER", "orgId", org)));
            ok(admin.postClaim(Map.ofEntries(Map.entry("claimId", f.claim), Map.entry("poolId", f.pool),
                    Map.entry("planCode", "ACCIDENT"), Map.entry("periodId", "current"), Map.entry("memberId", member),
                    Map.entry("admissionDate", TODAY.toString()), Map.entry("dischargeDate", TODAY.toString()),
                    Map.entry("totalCostFen", 100_000), Map.entry("insideScopeFen", 100_000),
                    Map.entry("basicInsurancePaidFen", 0), Map.entry("invoiceNumber", f.claim)), pdf));
            return f;
        }

        void awaitReadable(LedgerHttp admin) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/funds/" + fund + "/balance").status() == 200
                    && admin.get("/funds/" + hardshipFund + "/balance").status() == 200
                    && admin.get("/pools/" + pool).status() == 200
                    && admin.get("/allocations/" + allocation).status() == 200
                    && admin.get("/subsidy-programs/" + program + "/utilisation").status() == 200
                    && admin.get("/hardship-cases/" + caseId).status() == 200
                    && admin.get("/claims/" + claim).status() == 200);
        }

        String fill(String template) {
            return template.replace("{fundId}", fund).replace("{reservationId}", reservation)
                    .replace("{poolId}", pool).replace("{memberId}", member).replace("{caseId}", caseId)
                    .replace("{grantId}", "g-none").replace("{programId}", program)
                    .replace("{applicationId}", "a-none").replace("{allocationId}", allocation)
                    .replace("{orgId}", org).replace("{claimId}", claim)
                    .replace("{sha256}", document).replace("{report}", "journal").replace("{format}", "csv");
        }

        String fillBody(String template, String fresh) {
            return template.replace("$new", "mx-" + fresh).replace("$code", "C" + fresh.replace("-", ""))
                    .replace("$org", org).replace("$fund2", fund2).replace("$fund", fund)
                    .replace("$hfund", hardshipFund).replace("$pool", pool).replace("$member", member).replace("$nid", nationalId())
                    .replace("$today", TODAY.toString());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** A fresh, valid GB 11643 national ID number. */
    static String nationalId() {
        return org.unionledger.api.support.NationalIds.aValidOne();
    }
}
