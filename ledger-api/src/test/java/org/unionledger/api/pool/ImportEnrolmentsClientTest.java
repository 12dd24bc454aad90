package org.unionledger.api.pool;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.unionledger.api.pool.PoolFixtures.aPool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

/**
 * scripts/import-enrolments' client, run as its own process (as the script runs it) against the
 * ledger over HTTP: parts, file line numbers across parts, the rejected-lines file, the summary,
 * the exit code, a second run, and a refusal by the server.
 */
@ApiTest
class ImportEnrolmentsClientTest {

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run importEnrolments(String poolId, Path file) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportEnrolmentsClient.class.getName(), poolId,
                file.toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        process.environment().put("LEDGER_URL", "http://localhost:" + port);
        process.environment().put("LEDGER_USER", "finance");
        process.environment().put("LEDGER_PASSWORD", "ledger-finance");
        process.environment().put("IMPORT_PART_LINES", "3");
        Process running = process.start();
        if (!running.waitFor(2, TimeUnit.MINUTES)) {
            running.destroyForcibly();
            throw new AssertionError("the import client did not finish within 2 minutes");
        }
        return new Run(running.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void importsAFileInPartsListsTheRejectedLineByItsFileLineAndAddsNothingTheSecondTime() throws Exception {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        String poolId = aPool(finance);
        List<String> lines = new ArrayList<>(List.of(EnrolmentImporter.HEADER));
        for (int i = 0; i < 7; i++) {
            lines.add("cli-" + poolId + "-" + i + ",SERIOUS_ILLNESS,current,1,2000,MEMBER,online,,,org-1");
            if (i == 3) {
                // File line 6: in the second part of three lines, so its number must count the first part.
                lines.add("cli-bad-plan,DENTAL,current,1,1000,MEMBER,online,,,org-1");
            }
        }
        Path file = dir.resolve("enrolments.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);

        Run first = importEnrolments(poolId, file);

        assertThat(first.err(), first.exitCode(), equalTo(1));
        assertThat(first.out(), containsString("8 lines: 7 applied, 0 already enrolled, 1 rejected"));
        assertThat(first.out(), containsString("8/8 lines"));
        List<String> rejected = Files.readAllLines(Path.of(file + ".rejected.csv"), StandardCharsets.UTF_8);
        assertThat(rejected, hasSize(2));
        assertThat(rejected.get(1), startsWith("6,"));
        assertThat(rejected.get(1), containsString("cli-bad-plan,DENTAL"));

        Run second = importEnrolments(poolId, file);

        assertThat(second.err(), second.exitCode(), equalTo(1));
        assertThat(second.out(), containsString("8 lines: 0 applied, 7 already enrolled, 1 rejected"));
    }

    @Test
    void aFileWithoutBadLinesEndsWithExitCodeZero() throws Exception {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        String poolId = aPool(finance);
        Path file = dir.resolve("clean.csv");
        Files.write(file, List.of(EnrolmentImporter.HEADER,
                "cli-clean-" + poolId + ",SERIOUS_ILLNESS,current,2,4000,MEMBER,online,,,org-1"), StandardCharsets.UTF_8);

        Run run = importEnrolments(poolId, file);

        assertThat(run.err(), run.exitCode(), equalTo(0));
        assertThat(run.out(), containsString("1 lines: 1 applied, 0 already enrolled, 0 rejected"));
        assertThat(run.out(), containsString("import rate:"));
    }

    @Test
    void aPoolTheLedgerDoesNotKnowStopsTheImportWithTheServersAnswer() throws Exception {
        Path file = dir.resolve("nowhere.csv");
        Files.write(file, List.of(EnrolmentImporter.HEADER,
                "cli-nowhere,SERIOUS_ILLNESS,current,1,2000,MEMBER,online,,,org-1"), StandardCharsets.UTF_8);

        Run run = importEnrolments("no-such-pool", file);

        assertThat(run.exitCode(), equalTo(1));
        assertThat(run.err(), containsString("import refused: 4"));
        assertThat(run.out(), not(containsString("lines:")));
    }
}
