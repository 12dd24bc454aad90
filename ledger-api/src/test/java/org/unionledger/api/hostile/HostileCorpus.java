package org.unionledger.api.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.sessions.JqwikSession;

import org.unionledger.api.hostile.ApiOperations.Operation;
import org.unionledger.api.hostile.ApiOperations.Parameter;
import org.unionledger.api.hostile.ApiOperations.Schema;
import org.unionledger.api.hostile.HostileValues.Hostile;

/**
 * Builds the hostile requests for each documented operation: every body property gets wrong types,
 * hostile numbers and strings; every body gets malformed JSON, wrong content types, duplicate keys,
 * oversize and deeply nested variants; file uploads get oversize and wrong-type files; path and
 * query parameters get traversal, encoded slashes, injections and unicode; plus slices sent
 * anonymously, as the auditor, and by a user of another organisation.
 *
 * <p>No request may be valid: paths name things that do not exist (so commands find no target), and
 * a value that might be legitimate (an injection string is a fine memo) travels with a missing
 * required field.
 */
final class HostileCorpus {

    static final int BODY_BYTES_OVER_LIMIT = 300 * 1024;
    static final int FILE_BYTES_OVER_LIMIT = 10 * 1024 * 1024 + 4096;

    private static final java.util.Set<String> ALWAYS = java.util.Set.of("oversize-chunked", "file:oversize",
            "multipart:no-boundary", "raw:oversize");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private final long seed;
    private final Random random;
    private final HostileValues values;
    private final String runTag;
    private final Map<String, String> fixtures;
    private final Map<String, List<String>> usersByOperation;
    private int freshIds;
    private int rotation;

    /**
     * @param seed     the seed of every random choice (jqwik arbitraries included)
     * @param runTag   a short tag that makes this run's fresh ids unique
     * @param fixtures path parameter name to an id that exists (e.g. fundId to a fund of org "city"),
     *                 used only with requests that are refused for their body
     * @param usersByOperation operation label to the users whose role may call it
     */
    HostileCorpus(long seed, String runTag, Map<String, String> fixtures, Map<String, List<String>> usersByOperation) {
        this.seed = seed;
        this.random = new Random(seed);
        this.values = new HostileValues(random);
        this.runTag = runTag;
        this.fixtures = fixtures;
        this.usersByOperation = usersByOperation;
    }

    /**
     * The corpus, at most {@code bodyOperationMax} (or {@code otherOperationMax} without a body)
     * requests per operation plus the slices. jqwik's arbitraries need a session outside its own
     * engine: the build runs in one seeded with the corpus seed.
     */
    List<HostileRequest> build(List<Operation> operations, int bodyOperationMax, int otherOperationMax) {
        List<List<HostileRequest>> built = new ArrayList<>();
        JqwikSession.run(Long.toString(seed), () -> built.add(buildInSession(operations, bodyOperationMax,
                otherOperationMax)));
        return built.get(0);
    }

    /** About {@code total} requests spread evenly, at least {@code minPerOperation} per operation. */
    List<HostileRequest> buildAbout(List<Operation> operations, int total, int minPerOperation) {
        int perOperation = Math.max(minPerOperation, (total - 4 * operations.size()) / operations.size());
        return build(operations, perOperation + 2, Math.max(minPerOperation, perOperation - 2));
    }

    private List<HostileRequest> buildInSession(List<Operation> operations, int bodyOperationMax,
                                                int otherOperationMax) {
        List<HostileRequest> corpus = new ArrayList<>();
        for (Operation operation : operations) {
            List<HostileRequest> candidates = new ArrayList<>();
            if (operation.isJsonBody()) {
                jsonBody(operation, candidates);
            } else if (operation.isMultipartBody()) {
                multipart(operation, candidates);
            } else if (operation.body() != null) {
                otherBody(operation, candidates);
            }
            pathParameters(operation, candidates);
            queryParameters(operation, candidates);
            Collections.shuffle(candidates, random);
            // Whatever the sample, each operation gets its oversize body or file and an unparseable multipart.
            candidates.sort(java.util.Comparator.comparing(request -> ALWAYS.contains(request.kind()) ? 0 : 1));
            int max = operation.body() != null ? bodyOperationMax : otherOperationMax;
            corpus.addAll(candidates.subList(0, Math.min(max, candidates.size())));
            corpus.addAll(slices(operation));
        }
        return corpus;
    }

    // ---- JSON bodies ------------------------------------------------------------------------------

    private void jsonBody(Operation op, List<HostileRequest> out) {
        Schema schema = op.body().schema();
        boolean targetMissing = !op.in("path").isEmpty();
        for (Map.Entry<String, Schema> property : schema.properties().entrySet()) {
            String name = property.getKey();
            boolean required = schema.required().contains(name);
            for (Hostile hostile : values.forProperty(name, property.getValue(), required)) {
                Map<String, String> body = baseline(schema);
                body.put(name, hostile.json());
                String kind = "body." + name + ":" + hostile.label();
                if (!hostile.hard() && !targetMissing) {
                    String paired = pairWithMissingField(schema, name, body);
                    if (paired == null) {
                        continue;
                    }
                    kind += " +" + paired;
                }
                out.add(json(op, kind, freshPath(op), object(body)));
                if (hostile.hard() && fixtureApplies(op) && random.nextInt(4) == 0) {
                    out.add(json(op, kind + " @existing", fixturePath(op), object(body)));
                }
            }
        }
        String path = freshPath(op);
        String valid = object(safeBaseline(op));
        // Malformed JSON and top-level wrong types: hand-kept.
        for (String malformed : List.of("{", "{\"a\":}", "{\"a\":1,}", "[1,2", "nul", "{'a':'b'}", "{\"a\":\"\\x\"}",
                "", " ", "null", "[]", "\"text\"", "42", "true", valid + " {}", valid + "garbage",
                valid.substring(0, Math.max(1, valid.length() / 2)), "\uFEFF" + valid.replace('"', '\''),
                "{\"a\":\"\u0000\"", "/* comment */" + valid)) {
            out.add(json(op, "malformed", path, malformed));
        }
        // The right body under the wrong Content-Type, or none.
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data", "multipart/form-data; boundary=zzz", "application/json; charset=ebcdic-x",
                "application/json; charset=UTF-16", "image/png", null, "*/*", "application/json;;;"}) {
            String body = type != null && type.startsWith("application/json") ? "\u00ff\u00fe" + valid : valid;
            out.add(raw(op, "content-type:" + type, path, type, body.getBytes(StandardCharsets.UTF_8), false));
        }
        // Duplicate keys: the last value wins in Jackson, so the last one is the hostile one.
        for (String name : schema.properties().keySet()) {
            Map<String, String> body = baseline(schema);
            out.add(json(op, "duplicate-key:" + name, path,
                    object(body).replaceFirst("}$", "") + (body.isEmpty() ? "" : ",") + HostileValues.quote(name)
                            + ":{\"$gt\":\"\"}}"));
        }
        // Oversize, declared and chunked; deep nesting; a number too long to parse.
        String oversize = "{\"padding\":\"" + "A".repeat(BODY_BYTES_OVER_LIMIT) + "\"}";
        out.add(raw(op, "oversize", path, "application/json", oversize.getBytes(StandardCharsets.UTF_8), false));
        out.add(raw(op, "oversize-chunked", path, "application/json", oversize.getBytes(StandardCharsets.UTF_8),
                true));
        out.add(json(op, "deep-nesting", path, "[".repeat(5000) + "]".repeat(5000)));
        out.add(json(op, "deep-object", path, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        // Unknown and polymorphic-looking properties: harmless alone, so paired.
        Map<String, String> extra = baseline(schema);
        extra.put("@class", HostileValues.quote("java.lang.ProcessBuilder"));
        extra.put("__proto__", "{\"admin\":true}");
        extra.put("principal", HostileValues.quote("admin"));
        String paired = targetMissing ? "" : pairWithMissingField(schema, "@class", extra);
        if (paired != null) {
            out.add(json(op, "unknown-properties " + paired, path, object(extra)));
        }
    }

    private String pairWithMissingField(Schema schema, String mutated, Map<String, String> body) {
        List<String> others = schema.required().stream().filter(name -> !name.equals(mutated)).toList();
        if (others.isEmpty()) {
            return null;
        }
        String removed = others.get(random.nextInt(others.size()));
        body.remove(removed);
        return "missing " + removed;
    }

    // ---- multipart and other bodies ---------------------------------------------------------------

    private void multipart(Operation op, List<HostileRequest> out) {
        String filePart = op.body().schema().properties().entrySet().stream()
                .filter(e -> e.getValue().isBinary()).map(Map.Entry::getKey).findFirst().orElse("file");
        String path = freshPath(op);
        byte[] garbage = new byte[2048];
        random.nextBytes(garbage);
        byte[] huge = new byte[FILE_BYTES_OVER_LIMIT];
        java.util.Arrays.fill(huge, (byte) 'a');
        List<Object[]> files = new ArrayList<>();
        files.add(new Object[] {"file:oversize", filePart, "big.csv", "text/csv", huge});
        files.add(new Object[] {"file:empty", filePart, "empty.csv", "text/csv", new byte[0]});
        files.add(new Object[] {"file:binary-garbage", filePart, "data.csv", "application/octet-stream", garbage});
        files.add(new Object[] {"file:png", filePart, "photo.png", "image/png",
                concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, garbage)});
        files.add(new Object[] {"file:zip", filePart, "book.xlsx", "application/zip",
                concat(new byte[] {'P', 'K', 3, 4}, garbage)});
        files.add(new Object[] {"file:utf16", filePart, "u16.csv", "text/csv",
                ("\uFEFFmemberId,planCode\n" + values.trickyText() + ",x\n").getBytes(StandardCharsets.UTF_16)});
        files.add(new Object[] {"file:injection-lines", filePart, "lines.csv", "text/csv", injectionLines()});
        files.add(new Object[] {"file:traversal-name", filePart, "../../../etc/passwd", "text/csv", injectionLines()});
        files.add(new Object[] {"file:script-name", filePart, "<script>alert(1)</script>.csv", "text/html",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)});
        files.add(new Object[] {"file:wrong-part-name", "notTheFile", "lines.csv", "text/csv", injectionLines()});
        files.add(new Object[] {"file:long-line", filePart, "long.csv", "text/csv",
                ("x".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8)});
        files.add(new Object[] {"file:nul-bytes", filePart, "nul.csv", "text/csv", new byte[4096]});
        for (Object[] file : files) {
            String boundary = "corpus" + Long.toHexString(random.nextLong());
            byte[] body = multipartBody(boundary, (String) file[1], (String) file[2], (String) file[3],
                    (byte[]) file[4]);
            out.add(raw(op, (String) file[0], path, "multipart/form-data; boundary=" + boundary, body, false));
        }
        String boundary = "corpusb";
        byte[] valid = multipartBody(boundary, filePart, "lines.csv", "text/csv", injectionLines());
        out.add(raw(op, "multipart:no-boundary", path, "multipart/form-data", valid, false));
        out.add(raw(op, "multipart:wrong-boundary", path, "multipart/form-data; boundary=other", valid, false));
        out.add(raw(op, "multipart:truncated", path, "multipart/form-data; boundary=" + boundary,
                java.util.Arrays.copyOf(valid, valid.length / 2), false));
        out.add(raw(op, "multipart:as-json", path, "application/json", "{\"file\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                false));
        out.add(raw(op, "multipart:empty-body", path, "multipart/form-data; boundary=" + boundary, new byte[0], false));
        out.add(raw(op, "multipart:chunked-garbage", path, "multipart/form-data; boundary=" + boundary, garbage, true));
    }

    private void otherBody(Operation op, List<HostileRequest> out) {
        String path = freshPath(op);
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        out.add(raw(op, "raw:garbage", path, op.body().contentType(), garbage, false));
        out.add(raw(op, "raw:injection", path, op.body().contentType(), injectionLines(), false));
        out.add(raw(op, "raw:oversize", path, op.body().contentType(), new byte[BODY_BYTES_OVER_LIMIT], false));
        out.add(raw(op, "raw:wrong-type", path, "application/json", "{}".getBytes(StandardCharsets.UTF_8), false));
        out.add(raw(op, "raw:no-type", path, null, injectionLines(), false));
    }

    private byte[] injectionLines() {
        StringBuilder lines = new StringBuilder("memberId,planCode,orgId,amountFen\n");
        for (int i = 0; i < 20; i++) {
            lines.append(values.pick(HostileValues.INJECTIONS).replace("\n", " ")).append(',')
                    .append(values.trickyText().replace('\n', ' ')).append(",district-1,")
                    .append(values.negative()).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipartBody(String boundary, String part, String filename, String type, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(concat(head, content), tail);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    // ---- path and query parameters ----------------------------------------------------------------

    private void pathParameters(Operation op, List<HostileRequest> out) {
        for (Parameter parameter : op.in("path")) {
            for (Hostile hostile : values.forPathSegment()) {
                String path = substitute(op, Map.of(parameter.name(), hostile.json()));
                out.add(withBaselineBody(op, "path." + parameter.name() + ":" + hostile.label(), path));
            }
        }
    }

    private void queryParameters(Operation op, List<HostileRequest> out) {
        for (Parameter parameter : op.in("query")) {
            for (Hostile hostile : values.forQuery(parameter.schema())) {
                String path = freshPath(op);
                path += (path.contains("?") ? "&" : "?") + parameter.name() + "=" + hostile.json();
                out.add(withBaselineBody(op, "query." + parameter.name() + ":" + hostile.label(), path));
            }
            String path = freshPath(op);
            path += (path.contains("?") ? "&" : "?") + parameter.name() + "=a&" + parameter.name() + "=b";
            out.add(withBaselineBody(op, "query." + parameter.name() + ":repeated", path));
        }
    }

    private HostileRequest withBaselineBody(Operation op, String kind, String path) {
        if (op.isJsonBody()) {
            return json(op, kind, path, object(safeBaseline(op)));
        }
        if (op.isMultipartBody()) {
            byte[] body = multipartBody("corpusq", "file", "lines.csv", "text/csv", injectionLines());
            return raw(op, kind, path, "multipart/form-data; boundary=corpusq", body, false);
        }
        if (op.body() != null) {
            return raw(op, kind, path, op.body().contentType(), injectionLines(), false);
        }
        return raw(op, kind, path, null, null, false);
    }

    // ---- slices: anonymous, auditor, another organisation -------------------------------------------

    private List<HostileRequest> slices(Operation op) {
        List<HostileRequest> slice = new ArrayList<>();
        if (op.isJsonBody()) {
            // Anonymous gets a body that would be accepted from a signed-in user: only sign-in refuses it.
            slice.add(as(null, json(op, "anonymous valid-looking", freshPath(op), object(baseline(op.body().schema())))));
        } else {
            slice.add(as(null, withBaselineBody(op, "anonymous", freshPath(op))));
        }
        if (fixtureApplies(op)) {
            slice.add(as(null, withBaselineBody(op, "anonymous @existing", fixturePath(op))));
        }
        slice.add(as("auditor", withBaselineBody(op, "auditor", freshPath(op))));
        if (op.isJsonBody()) {
            Map<String, String> body = baseline(op.body().schema());
            String first = body.keySet().stream().findFirst().orElse("x");
            body.put(first, "{\"$ne\":null}");
            slice.add(as("auditor", json(op, "auditor body." + first + ":object", freshPath(op), object(body))));
        }
        List<String> allowed = usersByOperation.getOrDefault(op.label(), List.of("admin"));
        if (allowed.contains("finance")) {
            // A finance officer of organisation district-1, at organisation city's things.
            slice.add(as("district", withBaselineBody(op, "other-org", freshPath(op))));
            if (fixtureApplies(op)) {
                if (op.isJsonBody()) {
                    Map<String, String> body = baseline(op.body().schema());
                    for (Map.Entry<String, Schema> p : op.body().schema().properties().entrySet()) {
                        if (p.getValue().isNumber()) {
                            body.put(p.getKey(), Long.toString(values.negative()));
                        }
                    }
                    body.keySet().stream().filter(op.body().schema().required()::contains).findFirst()
                            .ifPresent(body::remove);
                    slice.add(as("district", json(op, "other-org @existing", fixturePath(op), object(body))));
                } else if (op.body() == null) {
                    slice.add(as("district", raw(op, "other-org @existing", fixturePath(op), null, null, false)));
                }
            }
        }
        return slice;
    }

    private static HostileRequest as(String user, HostileRequest request) {
        return new HostileRequest(request.operation(), request.kind(), user, request.method(), request.path(),
                request.contentType(), request.body(), request.chunked());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private HostileRequest json(Operation op, String kind, String path, String body) {
        return raw(op, kind, path, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
    }

    private HostileRequest raw(Operation op, String kind, String path, String contentType, byte[] body,
                               boolean chunked) {
        List<String> allowed = usersByOperation.getOrDefault(op.label(), List.of("admin"));
        String user = allowed.get(rotation++ % allowed.size());
        return new HostileRequest(op.label(), kind, user, op.method(), path, contentType, body, chunked);
    }

    private boolean fixtureApplies(Operation op) {
        return op.in("path").stream().anyMatch(p -> fixtures.containsKey(p.name()));
    }

    private String fixturePath(Operation op) {
        return substitute(op, fixtures);
    }

    private String freshPath(Operation op) {
        return substitute(op, Map.of());
    }

    /** The path with the given (already encoded) values, fresh ids elsewhere, and required query parameters. */
    private String substitute(Operation op, Map<String, String> given) {
        Matcher matcher = PATH_PARAM.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = given.containsKey(name) ? given.get(name) : freshId();
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        String separator = "?";
        for (Parameter query : op.in("query")) {
            if (query.required()) {
                path.append(separator).append(query.name()).append('=')
                        .append(HostileValues.encode(baselineText(query.name(), query.schema())));
                separator = "&";
            }
        }
        return path.toString();
    }

    private String freshId() {
        return "cx-" + runTag + "-" + (++freshIds);
    }

    /**
     * The baseline, made invalid when the path names no target (a create operation): one required
     * field missing, or else the first field of the wrong type.
     */
    private Map<String, String> safeBaseline(Operation op) {
        Schema schema = op.body().schema();
        Map<String, String> body = baseline(schema);
        if (op.in("path").isEmpty()) {
            if (pairWithMissingField(schema, "", body) == null && !body.isEmpty()) {
                body.put(body.keySet().iterator().next(), "{\"$ne\":null}");
            }
        }
        return body;
    }

    /** A plausible body: every property with a harmless value of its documented type. */
    private Map<String, String> baseline(Schema schema) {
        Map<String, String> body = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> property : schema.properties().entrySet()) {
            body.put(property.getKey(), baselineJson(property.getKey(), property.getValue()));
        }
        return body;
    }

    private String baselineJson(String name, Schema schema) {
        if (schema.isNumber()) {
            return "100";
        }
        if ("boolean".equals(schema.type())) {
            return "true";
        }
        if ("array".equals(schema.type())) {
            return "[" + (schema.items() == null ? "" : baselineJson(name, schema.items())) + "]";
        }
        if ("object".equals(schema.type())) {
            return object(baseline(schema));
        }
        return HostileValues.quote(baselineText(name, schema));
    }

    private String baselineText(String name, Schema schema) {
        if (!schema.enumValues().isEmpty()) {
            return schema.enumValues().get(0);
        }
        if ("date".equals(schema.format())) {
            return "2026-03-01";
        }
        if ("date-time".equals(schema.format())) {
            return "2026-03-01T08:00:00Z";
        }
        if (schema.isNumber()) {
            return "100";
        }
        if (name.toLowerCase().endsWith("orgid")) {
            return "city";
        }
        String id = freshId();
        return schema.maxLength() != null && schema.maxLength() < id.length() ? id.substring(0, schema.maxLength())
                : id;
    }

    private static String object(Map<String, String> properties) {
        StringBuilder json = new StringBuilder("{");
        properties.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(HostileValues.quote(name)).append(':').append(value);
        });
        return json.append('}').toString();
    }

    static String randomTag(Random random) {
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }
}
