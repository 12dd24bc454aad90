package org.unionledger.api.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/** Personal data masking and its access log, property-level authorization (API3), limits (API4), public data. */
@ApiTest
class SecurityApiTest {

    /** Fields a client must never set: states, who decided, and amounts the ledger computes. */
    private static final Set<String> SERVER_OWNED_FIELDS = Set.of("status", "state", "principal", "approvedBy",
            "proposedBy", "appliedBy", "createdBy", "updatedBy", "availableFen", "reservedFen", "balanceFen", "inFen",
            "outFen", "paidFen", "grantedFen", "benefitFen", "asOfSequence", "remainingFen");

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private LedgerHttp http;

    @BeforeEach
    void setUp() {
        http = LedgerHttp.at(port);
    }

    @Test
    void idNumbersAndPhonesAreMaskedAndOnlyCaseWorkersAndAdminsReadThemUnmaskedWhichIsLogged() {
        String memberId = "m-pd-" + run;
        String nationalId = AuthorizationMatrixTest.nationalId();
        assertThat(http.as("caseworker").post("/members", Map.of("memberId", memberId, "name", "Li Na",
                "nationalId", nationalId, "phone", "13812345678", "orgId", "city")).status(), equalTo(201));

        var masked = http.as("finance").get("/members/" + memberId).json();
        assertThat(masked.get("phoneMasked").asText(), equalTo("138****5678"));
        assertThat(masked.get("nationalId"), nullValue());
        assertThat(masked.get("phone"), nullValue());
        assertThat(http.as("finance").get("/members/" + memberId + "?unmasked=true").status(), equalTo(403));
        assertThat(http.as("auditor").get("/members/" + memberId + "?unmasked=true").status(), equalTo(403));

        String correlationId = "pd-" + run;
        var unmasked = http.as("caseworker").send(http.as("caseworker").request("/members/" + memberId
                + "?unmasked=true").header("X-Correlation-Id", correlationId).GET());
        assertThat(unmasked.json().get("nationalId").asText(), equalTo(nationalId));
        assertThat(unmasked.json().get("phone").asText(), equalTo("13812345678"));

        var log = http.as("auditor").get("/audit/personal-data-access?memberId=" + memberId).json();
        assertThat(log.size(), equalTo(1));
        assertThat(log.get(0).get("principal").asText(), equalTo("caseworker"));
        assertThat(log.get(0).get("roles").asText(), equalTo("CASE_WORKER"));
        assertThat(log.get(0).get("fields").toString(), equalTo("[\"nationalId\",\"phone\"]"));
        assertThat(log.get(0).get("correlationId").asText(), equalTo(correlationId));
        assertThat(http.as("caseworker").get("/audit/personal-data-access").status(), equalTo(403));
    }

    @Test
    void noRequestBodyCarriesAFieldTheLedgerOwns() {
        List<String> offending = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.unionledger.api").stream()
                .filter(type -> type.getSimpleName().endsWith("Request"))
                .map(JavaClass::reflect).filter(Class::isRecord)
                .flatMap(type -> Arrays.stream(type.getRecordComponents())
                        .filter(component -> SERVER_OWNED_FIELDS.contains(component.getName()))
                        .map(component -> type.getName() + "." + component.getName()))
                .toList();
        assertThat(offending, empty());
    }

    @Test
    void aStatusSentByTheClientIsIgnored() {
        String caseId = "case-api3-" + run;
        var registered = http.as("caseworker").post("/hardship-cases", Map.of("caseId", caseId, "memberId",
                "m-" + run, "orgId", "city", "householdSize", 3, "monthlyIncomePerHeadFen", 10000,
                "causes", List.of("SERIOUS_ILLNESS"), "status", "VERIFIED", "registeredBy", "someone-else"));
        assertThat(registered.toString(), registered.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.as("caseworker").get("/hardship-cases/" + caseId)
                .status() == 200);
        assertThat(http.as("caseworker").get("/hardship-cases/" + caseId).json().get("status").asText(),
                equalTo("REGISTERED"));
    }

    @Test
    void anUploadAboveTheMultipartLimitIs413ProblemJson() {
        String boundary = "ledger-" + run;
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        byte[] file = new byte[11 * 1024 * 1024];
        Arrays.fill(file, (byte) 'a');
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        var response = http.as("finance").send(http.as("finance").request("/org-imports")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head.getBytes(), file, tail))));
        assertThat(response.toString(), response.status(), equalTo(413));
        assertThat(response.contentType(), startsWith("application/problem+json"));
    }

    @Test
    void publicStatisticsAnswerWithoutSignInAndNameNoMember() {
        var statistics = http.anonymous().get("/public/statistics");
        assertThat(statistics.status(), equalTo(200));
        assertThat(statistics.body(), containsString("\"funds\""));
        assertThat(statistics.body(), containsString("hardshipExitRates"));
        assertThat(statistics.body(), not(containsString("memberId")));
        assertThat(http.anonymous().get("/v3/api-docs").status(), equalTo(401));
    }

    @Test
    void listsAreCappedWhateverLimitIsAsked() {
        var page = http.as("auditor").get("/audit/personal-data-access?limit=1000000");
        assertThat(page.status(), equalTo(200));
        assertThat(page.json().size() <= 500, equalTo(true));
    }

    @Autowired
    FilterChainProxy springSecurityFilterChain;

    @Test
    void theSecurityChainChecksHeaderTextWithTheLedgersFirewall() {
        // With Spring MVC the bean is a composite (of a composite) around the chain WebSecurity built.
        Object chain = springSecurityFilterChain;
        while (ReflectionUtils.findField(chain.getClass(), "springSecurityFilterChain") != null) {
            chain = ReflectionTestUtils.getField(chain, "springSecurityFilterChain");
        }
        Object firewall = ReflectionTestUtils.getField(chain, "firewall");
        assertThat(firewall, instanceOf(StrictHttpFirewall.class));
        var request = new MockHttpServletRequest("GET", "/funds");
        request.addHeader("X-Test", "bell\u0007");
        var checked = ((StrictHttpFirewall) firewall).getFirewalledRequest(request);
        assertThrows(RequestRejectedException.class, () -> checked.getHeader("X-Test"));
        assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderValues"),
                sameInstance(HeaderCharacters.ASSIGNED_NOT_CONTROL_OR_TAB));
    }
}
