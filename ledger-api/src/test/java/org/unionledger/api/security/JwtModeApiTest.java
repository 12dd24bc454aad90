package org.unionledger.api.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.unionledger.api.LedgerApplication;
import org.unionledger.api.support.LedgerHttp;

/**
 * Production sign-in for real, without Keycloak: the ledger runs as an OAuth2 resource server
 * (ledger.security.mode=jwt) trusting a public key written to a file; the test signs Keycloak-shaped
 * tokens (realm_access.roles, org_id, member_id) with the private key. Its own context (the only
 * extra one of the suite), which also runs the payout rate limit with a tiny bucket.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=jwt", "ledger.security.payout-rate.capacity=2",
                "ledger.security.payout-rate.refill-per-minute=1"})
@ActiveProfiles("test")
class JwtModeApiTest {

    private static final KeyPair KEYS = rsaKeyPair();
    private static final KeyPair STRANGER_KEYS = rsaKeyPair();

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("ledger-jwt", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void aTokenWithARealmRoleActsWithThatRoleAndIsRecordedAsItsUser() {
        LedgerHttp finance = bearer(token(KEYS, "fiona", List.of("FINANCE_OFFICER", "offline_access"), "city", null));
        String fundId = "jwt-fund-" + run;
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "JWT fund",
                "fundType", "GENERAL"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/funds/" + fundId + "/balance").status() == 200);
    }

    @Test
    void noTokenABadSignatureOrBasicSignInAreUnauthenticated() {
        LedgerHttp http = LedgerHttp.at(port);
        assertThat(http.anonymous().get("/funds/any/balance").status(), equalTo(401));
        assertThat(bearer(token(STRANGER_KEYS, "mallory", List.of("ADMIN"), "city", null)).get("/funds/any/balance")
                .status(), equalTo(401));
        assertThat(http.as("admin").get("/funds/any/balance").status(), equalTo(401));
        assertThat(http.anonymous().get("/public/statistics").status(), equalTo(200));
    }

    @Test
    void realmRolesThatAreNotLedgerRolesGrantNothing() {
        LedgerHttp nobody = bearer(token(KEYS, "nora", List.of("offline_access", "uma_authorization"), "city", null));
        assertThat(nobody.post("/funds", Map.of("fundId", "x-" + run, "orgId", "city", "name", "x",
                "fundType", "GENERAL")).status(), equalTo(403));
    }

    @Test
    void theOrganisationClaimLimitsWhatTheUserSees() {
        LedgerHttp city = bearer(token(KEYS, "carl", List.of("ADMIN"), "city", null));
        String fundId = "jwt-city-" + run;
        assertThat(city.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "c", "fundType", "GENERAL"))
                .status(), equalTo(201));
        await().atMost(Duration.ofSeconds(10)).until(() -> city.get("/funds/" + fundId + "/balance").status() == 200);

        LedgerHttp district = bearer(token(KEYS, "dora", List.of("FINANCE_OFFICER"), "district-" + run, null));
        var outOfScope = district.get("/funds/" + fundId + "/balance");
        assertThat(outOfScope.status(), equalTo(404));
        assertThat(outOfScope.json().get("code").asText(), equalTo("FUND_MUST_EXIST"));
        assertThat(district.post("/funds", Map.of("fundId", "d-" + run, "orgId", "city", "name", "d",
                "fundType", "GENERAL")).status(), equalTo(403));
    }

    @Test
    void aMemberTokenReadsOnlyItsOwnMemberId() {
        LedgerHttp member = bearer(token(KEYS, "mei", List.of("MEMBER"), "city", "m-jwt-" + run));
        assertThat(member.get("/members/m-jwt-" + run + "/coverage").status(), equalTo(200));
        assertThat(member.get("/members/m-other-" + run + "/coverage").status(), equalTo(403));
    }

    @Test
    void payoutsBeyondTheUsersBucketAreRefusedWithRetryAfter() {
        LedgerHttp payer = bearer(token(KEYS, "paul-" + run, List.of("FINANCE_OFFICER"), "city", null));
        String path = "/funds/no-fund-" + run + "/reservations/r1/disbursements";
        Map<String, String> body = Map.of("paymentReference", "bank-1");
        assertThat(payer.post(path, body).status(), not(equalTo(429)));
        assertThat(payer.post(path, body).status(), not(equalTo(429)));
        var refused = payer.post(path, body);
        assertThat(refused.toString(), refused.status(), equalTo(429));
        assertThat(refused.contentType(), startsWith("application/problem+json"));
        assertThat(refused.json().get("code").asText(), equalTo("PAYOUT_RATE_EXCEEDED"));
        assertThat(refused.header("Retry-After"), notNullValue());
        // Another user has a bucket of their own.
        LedgerHttp other = bearer(token(KEYS, "olga-" + run, List.of("FINANCE_OFFICER"), "city", null));
        assertThat(other.post(path, body).status(), not(equalTo(429)));
    }

    private LedgerHttp bearer(String token) {
        return LedgerHttp.at(port).withAuthorization("Bearer " + token);
    }

    private static String token(KeyPair keys, String username, List<String> realmRoles, String orgId,
                                String memberId) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
                    .issuer("https://keycloak.test/realms/union").claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", realmRoles)).claim("org_id", orgId)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
            if (memberId != null) {
                claims.claim("member_id", memberId);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
