package org.unionledger.api.hostile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.unionledger.api.hostile.ApiOperations.Operation;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * The hostile-input corpus (issue 10): hundreds of malformed or hostile requests over every
 * operation the ledger documents, each signed in as a user whose role may call it (so the request
 * reaches validation and the business rules), plus anonymous, auditor and other-organisation
 * slices. The ledger must answer every one without a 5xx and write no event for any of them.
 *
 * <p>The seed is printed; rerun one with {@code -Dcorpus.seed=...}. Each request carries an
 * X-Correlation-Id starting with this run's prefix, and event metadata carries the correlation id,
 * so "no event written" is checked for exactly the corpus's requests while other tests sharing
 * the application keep writing theirs.
 */
@ApiTest
class HostileInputCorpusTest {

    private static final int MIN_REQUESTS = 500;
    private static final int TARGET_REQUESTS = 560;
    private static final int THREADS = 4;
    private static final Map<String, String> USER_OF_ROLE = Map.of(
            "ADMIN", "admin", "FINANCE_OFFICER", "finance", "CLAIMS_REVIEWER", "reviewer",
            "CASE_WORKER", "caseworker", "AUDITOR", "auditor", "MEMBER", "member");
    private static final Pattern QUOTED_ROLE = Pattern.compile("'([A-Z_]+)'");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyDocumentedOperationRefusesHostileInputWithoutServerErrorsAndWritesNoEvent() throws Exception {
        long seed = Long.getLong("corpus.seed", new Random().nextLong());
        String runTag = HostileCorpus.randomTag(new Random(seed));
        String correlationPrefix = "corpus-" + runTag + "-";
        System.out.println("hostile corpus: seed " + seed + " (rerun with -Dcorpus.seed=" + seed + "), correlation "
                + correlationPrefix + "*");

        LedgerHttp admin = LedgerHttp.at(port).as("admin");
        LedgerHttp.Response docs = admin.get("/v3/api-docs");
        assertThat("api docs: " + docs, docs.status(), is(200));
        List<Operation> operations = ApiOperations.from(docs.json());
        assertThat(operations.size(), greaterThanOrEqualTo(10));

        Map<String, String> fixtures = new LinkedHashMap<>();
        String fund = "cx-" + runTag + "-city-fund";
        LedgerHttp.Response opened = LedgerHttp.at(port).as("finance").post("/funds", Map.of("fundId", fund,
                "orgId", "city", "name", "Corpus fixture", "fundType", "GENERAL"));
        assertThat("fixture fund: " + opened, opened.status(), is(201));
        fixtures.put("fundId", fund);

        List<HostileRequest> corpus = new HostileCorpus(seed, runTag, fixtures, usersByOperation())
                .buildAbout(operations, TARGET_REQUESTS, 6);
        assertThat(corpus.size(), greaterThanOrEqualTo(MIN_REQUESTS));
        assertThat("corpus events before", corpusEvents(correlationPrefix), is(0L));

        long started = System.nanoTime();
        List<Answer> answers = send(corpus, correlationPrefix);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(1500); // let tracking processors and policies run on anything the corpus might have caused
        long written = corpusEvents(correlationPrefix);

        printTable(answers, corpus.size(), millis, written);
        List<String> serverErrors = answers.stream().filter(a -> a.status() >= 500 || a.status() < 0)
                .map(Answer::describe).toList();
        List<String> anonymousAdmitted = answers.stream()
                .filter(a -> a.request().user() == null && !a.request().path().startsWith("/public/")
                        && a.status() != 401 && a.status() != 400)
                .map(Answer::describe).toList();
        serverErrors.forEach(line -> System.out.println("5xx/no answer: " + line));
        anonymousAdmitted.forEach(line -> System.out.println("anonymous not refused: " + line));
        if (written > 0) {
            for (Map<String, Object> event : jdbc.queryForList(
                    "SELECT aggregateidentifier, payloadtype, convert_from(metadata, 'UTF8') AS metadata "
                            + "FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?",
                    "%\"" + correlationPrefix + "%")) {
                Matcher index = Pattern.compile(Pattern.quote(correlationPrefix) + "(\\d+)")
                        .matcher(String.valueOf(event.get("metadata")));
                System.out.println("event written: " + event.get("payloadtype") + " on " + event.get("aggregateidentifier")
                        + (index.find() ? " by " + corpus.get(Integer.parseInt(index.group(1))).describe(400) : ""));
            }
        }
        assertThat("requests answered 5xx or not at all (seed " + seed + ")", serverErrors, is(empty()));
        assertThat("anonymous requests not refused (seed " + seed + ")", anonymousAdmitted, is(empty()));
        assertThat("events written by the corpus (seed " + seed + ")", written, is(0L));
    }

    /** Which users may call each operation, read from the {@code @PreAuthorize} of its handler method. */
    private Map<String, List<String>> usersByOperation() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
            Method method = entry.getValue().getMethod();
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), PreAuthorize.class);
            }
            Set<String> allowed = new LinkedHashSet<>();
            if (rule != null) {
                Matcher roles = QUOTED_ROLE.matcher(rule.value());
                while (roles.find()) {
                    if (USER_OF_ROLE.containsKey(roles.group(1))) {
                        allowed.add(USER_OF_ROLE.get(roles.group(1)));
                    }
                }
            }
            if (allowed.isEmpty()) {
                allowed.add("admin");
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                var methods = entry.getKey().getMethodsCondition().getMethods();
                for (var httpMethod : methods) {
                    users.put(httpMethod.name() + " " + pattern, List.copyOf(allowed));
                }
            }
        }
        return users;
    }

    private long corpusEvents(String correlationPrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?",
                Long.class, "%\"" + correlationPrefix + "%");
    }

    private List<Answer> send(List<HostileRequest> corpus, String correlationPrefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                HostileRequest request = corpus.get(i);
                String correlationId = correlationPrefix + i;
                futures.add(pool.submit(() -> send(request, correlationId)));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer send(HostileRequest request, String correlationId) {
        URI uri;
        try {
            uri = URI.create("http://localhost:" + port + request.path());
        } catch (IllegalArgumentException unsendable) {
            return new Answer(request, 0, "not a URI: " + unsendable.getMessage());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("X-Correlation-Id", correlationId);
        if (request.user() != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (request.user() + ":ledger-" + request.user()).getBytes(StandardCharsets.UTF_8)));
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher body;
        if (request.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (request.chunked()) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(request.body());
        }
        builder.method(request.method(), body);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(request, response.statusCode(), response.body());
        } catch (IOException failed) {
            return new Answer(request, -1, "no answer: " + failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Answer(request, -1, "interrupted");
        }
    }

    private static void printTable(List<Answer> answers, int requests, long millis, long written) {
        Map<String, Map<Integer, Integer>> table = new TreeMap<>();
        Set<Integer> statuses = new java.util.TreeSet<>();
        for (Answer answer : answers) {
            table.computeIfAbsent(answer.request().operation(), k -> new TreeMap<>())
                    .merge(answer.status(), 1, Integer::sum);
            statuses.add(answer.status());
        }
        StringBuilder out = new StringBuilder("\nhostile corpus: " + requests + " requests over " + table.size()
                + " operations in " + millis + " ms; corpus events written: " + written + "\n");
        int width = table.keySet().stream().mapToInt(String::length).max().orElse(10);
        out.append(String.format("%-" + width + "s", "operation"));
        statuses.forEach(s -> out.append(String.format(" %5s", s)));
        out.append('\n');
        Map<Integer, Integer> totals = new TreeMap<>();
        table.forEach((operation, counts) -> {
            out.append(String.format("%-" + width + "s", operation));
            statuses.forEach(s -> out.append(String.format(" %5s", counts.getOrDefault(s, 0) == 0 ? "."
                    : counts.get(s))));
            out.append('\n');
            counts.forEach((s, n) -> totals.merge(s, n, Integer::sum));
        });
        out.append(String.format("%-" + width + "s", "TOTAL"));
        statuses.forEach(s -> out.append(String.format(" %5s", totals.get(s))));
        System.out.println(out.append('\n'));
    }

    /** What the ledger answered one corpus request. */
    record Answer(HostileRequest request, int status, String body) {

        String describe() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + " <- " + request.describe(200) + "\n      answer: " + shown;
        }
    }
}
