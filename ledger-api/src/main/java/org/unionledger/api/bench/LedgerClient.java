package org.unionledger.api.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger's REST API as a client sees it: real HTTP/1.1 with keep-alive, HTTP Basic as a
 * first-run user. Used by the benchmark and by scripts/demo.
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    public LedgerClient(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The first-run finance officer (README.md): may open funds and record contributions. */
    public static LedgerClient financeOfficer(String baseUrl) {
        return new LedgerClient(baseUrl, "finance", "ledger-finance");
    }

    public Answer openFund(String fundId, String orgId, String name, String fundType) {
        return post("/funds", Map.of("fundId", fundId, "orgId", orgId, "name", name, "fundType", fundType));
    }

    public Answer recordContribution(String fundId, String contributionId, long amountFen, String payerType,
                                     String channel, String effectiveDate) {
        return post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                "amountFen", amountFen, "payerType", payerType, "channel", channel, "effectiveDate", effectiveDate));
    }

    public Answer balance(String fundId) {
        return get("/funds/" + fundId + "/balance");
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException unwritable) {
            throw new IllegalArgumentException(unwritable);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException failed) {
            return new Answer(-1, String.valueOf(failed));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** Status and body of an answer; status -1 when the request failed before an answer. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new IllegalStateException("not JSON: " + body, notJson);
            }
        }
    }
}
