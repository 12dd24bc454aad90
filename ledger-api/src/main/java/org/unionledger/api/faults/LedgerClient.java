package org.unionledger.api.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends commands to the two nodes the way a careful client does: on a timeout, a connection
 * error, a 5xx, a 429 (rate limited, not processed) or 409 CONCURRENT_MODIFICATION it sends the same id with the same body again, to
 * the other node, with backoff, until a bounded deadline.
 */
final class LedgerClient {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<LedgerNode> nodes;
    private final String authorization;
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();

    LedgerClient(List<LedgerNode> nodes, String user, String password) {
        this.nodes = nodes;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    int nodeCount() {
        return nodes.size();
    }

    /** Sends {@code command} starting at node {@code firstNode}; retries until {@code deadline}. */
    Sent send(MoneyCommand command, String purpose, int firstNode, Duration deadline) {
        return send(new Sent(command, purpose), firstNode, deadline);
    }

    Sent send(Sent sent, int firstNode, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(sent.command.body());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        int node = Math.floorMod(firstNode, nodes.size());
        long backoffMs = 100;
        while (true) {
            sent.attempts++;
            attempts.incrementAndGet();
            LedgerNode target = nodes.get(node);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.base().resolve(sent.command.path()))
                        .timeout(ATTEMPT_TIMEOUT)
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                String code = codeOf(response.body());
                sent.trail.add(target.name + ":" + status + (code != null ? ":" + code : ""));
                sent.status = status;
                sent.code = code;
                if (status >= 200 && status < 300) {
                    sent.outcome = Sent.Outcome.ACKED;
                    sent.replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals)
                            .orElse(false);
                    return sent;
                }
                if (status >= 500) {
                    sent.serverErrors++;
                    serverErrors.incrementAndGet();
                } else if (status == 409 && "IDEMPOTENCY_KEY_REUSED".equals(code)) {
                    sent.outcome = Sent.Outcome.REUSED;
                    return sent;
                } else if (!(status == 409 && "CONCURRENT_MODIFICATION".equals(code)) && status != 429) {
                    sent.outcome = Sent.Outcome.REFUSED;
                    return sent;
                }
            } catch (IOException failed) {
                sent.trail.add(target.name + ":" + failed.getClass().getSimpleName());
                sent.status = 0;
                sent.code = failed.getClass().getSimpleName();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                sent.outcome = Sent.Outcome.UNKNOWN;
                return sent;
            }
            if (System.nanoTime() + backoffMs * 1_000_000 > end) {
                sent.outcome = Sent.Outcome.UNKNOWN;
                return sent;
            }
            sleep(backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1));
            backoffMs = Math.min(backoffMs * 2, 2_000);
            node = (node + 1) % nodes.size();
        }
    }

    /** The REST paths the ledger serves (from its OpenAPI document), to plug operation kinds in. */
    Set<String> paths() throws Exception {
        for (LedgerNode node : nodes) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.base().resolve("/v3/api-docs"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", authorization).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    Set<String> paths = new HashSet<>();
                    JSON.readTree(response.body()).path("paths").fieldNames().forEachRemaining(paths::add);
                    return paths;
                }
            } catch (IOException tryTheOther) {
                // next node
            }
        }
        throw new IllegalStateException("no node served /v3/api-docs");
    }

    JsonNode get(int node, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(nodes.get(node).base().resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Waits (bounded) until GET {@code path} answers 200 on every node: the read models know it. */
    boolean awaitVisible(String path, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        for (int node = 0; node < nodes.size(); node++) {
            while (true) {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(nodes.get(node).base().resolve(path))
                            .timeout(ATTEMPT_TIMEOUT).header("Authorization", authorization).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // node busy or restarting: ask again
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (System.nanoTime() > end) {
                    return false;
                }
                sleep(100);
            }
        }
        return true;
    }

    private static String codeOf(String body) {
        if (body == null || body.isEmpty() || body.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode code = JSON.readTree(body).get("code");
            return code == null ? null : code.asText();
        } catch (IOException notJson) {
            return null;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
