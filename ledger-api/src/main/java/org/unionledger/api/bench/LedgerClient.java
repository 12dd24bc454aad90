package org.unionledger.api.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger's REST API as a client sees it: real HTTP/1.1 with keep-alive, HTTP Basic as a
 * first-run user. Used by the benchmark and by scripts/demo.
 *
 * <p>Blocking I/O on the calling thread ({@link HttpURLConnection}, the JDK's keep-alive pool), as
 * the raw side's JDBC does: the JDK's {@code java.net.http.HttpClient} hands every request and
 * answer between the caller, one selector thread shared by all clients and a worker pool, three
 * waits for a core per request on a busy two-core machine, which the raw side does not pay
 * (docs/PERFORMANCE.md, "The harness's HTTP client").
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    static {
        // The JDK keeps at most 5 idle connections per server unless told otherwise; the benchmark
        // runs up to 48 clients at once, and each would otherwise open a new connection per request.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

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
        return send("GET", path, null);
    }

    public Answer post(String path, Object body) {
        try {
            return send("POST", path, JSON.writeValueAsBytes(body));
        } catch (IOException unwritable) {
            throw new IllegalArgumentException(unwritable);
        }
    }

    private Answer send(String method, String path, byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("Accept", "application/json, application/problem+json");
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                // Not setFixedLengthStreamingMode: before a streamed POST on a kept-alive connection
                // the JDK probes the connection with a 1 ms read that times out (an exception with
                // its stack trace, and a millisecond's wait, per request; 3.8% of the bench JVM's CPU
                // in P1). A buffered body is as small and sent with its Content-Length all the same.
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            // Reading the whole answer (error answers too) lets the connection go back to the pool.
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException failed) {
            return new Answer(-1, String.valueOf(failed));
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
