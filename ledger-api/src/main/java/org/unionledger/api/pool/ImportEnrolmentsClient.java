package org.unionledger.api.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command-line side of scripts/import-enrolments: sends a CSV file of any size to a running
 * ledger in parts of {@link #PART_LINES} lines (each part one request, imported in batches by the
 * server), draws a progress bar, writes the rejected lines beside the file and prints the rate.
 * Re-running it is safe: members already enrolled are skipped.
 */
public final class ImportEnrolmentsClient {

    /**
     * Lines a request: small enough that the progress bar moves every few seconds and that every
     * rejected line of a part is listed (the server lists up to 10,000 a request).
     */
    static final int PART_LINES = 5_000;

    private ImportEnrolmentsClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: import-enrolments POOL_ID FILE.csv   (env LEDGER_URL, LEDGER_USER, "
                    + "LEDGER_PASSWORD, IMPORT_PART_LINES)");
            System.exit(2);
        }
        String url = env("LEDGER_URL", "http://localhost:8080");
        String auth = "Basic " + Base64.getEncoder().encodeToString((env("LEDGER_USER", "finance") + ":"
                + env("LEDGER_PASSWORD", "ledger-finance")).getBytes(StandardCharsets.UTF_8));
        int partLines = partLines(env("IMPORT_PART_LINES", String.valueOf(PART_LINES)));
        Path file = Path.of(args[1]);
        long totalLines = Math.max(0, countLines(file) - 1);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ObjectMapper json = new ObjectMapper();
        Path rejectedFile = Path.of(file + ".rejected.csv");
        long started = System.nanoTime();
        long done = 0;
        long applied = 0;
        long already = 0;
        long rejected = 0;
        long events = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             PrintWriter rejects = new PrintWriter(Files.newBufferedWriter(rejectedFile, StandardCharsets.UTF_8))) {
            rejects.println("line,code,message,original");
            String header = reader.readLine();
            int headerLine = 1;
            while (true) {
                List<String> part = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    part.add(line);
                    if (part.size() == partLines) {
                        break;
                    }
                }
                if (part.isEmpty()) {
                    break;
                }
                JsonNode report = send(http, json, url, auth, args[0], header, part, headerLine, done);
                applied += report.get("applied").asLong();
                already += report.get("alreadyEnrolled").asLong();
                rejected += report.get("rejected").asLong();
                events += report.get("eventsWritten").asLong();
                if (report.path("rejectionsTruncated").asBoolean(false)) {
                    System.err.println("\nmore rejected lines than the server lists: counts are complete, "
                            + rejectedFile + " is not");
                }
                for (JsonNode r : report.get("rejections")) {
                    rejects.println(r.get("line").asInt() + "," + csv(r.get("code").asText()) + ","
                            + csv(r.get("message").asText()) + "," + csv(r.get("original").asText()));
                }
                done += part.size();
                headerLine += part.size();
                bar(done, totalLines, started);
            }
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        System.out.printf("%n%d lines: %d applied, %d already enrolled, %d rejected (see %s)%n", done, applied,
                already, rejected, rejectedFile);
        System.out.printf("import rate: %.0f lines/s, %.0f events/s (%d events in %.1f s)%n", done / seconds,
                events / seconds, events, seconds);
        System.exit(rejected > 0 ? 1 : 0);
    }

    private static JsonNode send(HttpClient http, ObjectMapper json, String url, String auth, String poolId,
                                 String header, List<String> part, int headerLine, long doneBefore)
            throws IOException, InterruptedException {
        String boundary = "----import" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"part.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + header + "\n" + String.join("\n", part) + "\n\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/pools/" + poolId + "/enrolment-imports?firstLineNumber=" + headerLine))
                .timeout(Duration.ofMinutes(30)).header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("\nimport refused: " + response.statusCode() + " " + response.body()
                    + "\nthe first " + doneBefore + " lines were imported; fix the cause and run the same command "
                    + "again: lines already imported are skipped");
            System.exit(1);
        }
        return json.readTree(response.body());
    }

    private static void bar(long done, long total, long started) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        System.out.printf("\r[%s%s] %d/%d lines  %.0f lines/s", "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / seconds);
        System.out.flush();
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static int partLines(String text) {
        try {
            int lines = Integer.parseInt(text.trim());
            if (lines >= 1) {
                return lines;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        System.err.println("IMPORT_PART_LINES must be a whole number of lines, at least 1: " + text);
        System.exit(2);
        return PART_LINES;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
