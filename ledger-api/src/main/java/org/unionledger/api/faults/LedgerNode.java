package org.unionledger.api.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One ledger-api process ({@code java -jar ledger-api.jar}) on a loopback port. */
final class LedgerNode {

    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Path jar;
    private final Path log;
    private final String dbUrl;
    private final FaultPostgres db;
    private volatile Process process;
    private volatile boolean paused;

    LedgerNode(String name, int port, Path jar, Path log, FaultPostgres db) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.db = db;
        this.dbUrl = db.jdbcUrl();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--logging.level.root=WARN", "--logging.level.org.unionledger=INFO",
                "--logging.level.org.axonframework.eventhandling=INFO",
                // the per-user payout rate limit (60/min) would throttle the load to a trickle of
                // disbursements; the harness tests money under faults, not the limiter
                "--ledger.security.payout-rate.capacity=1000000",
                "--ledger.security.payout-rate.refill-per-minute=1000000"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LEDGER_DB_URL", dbUrl);
        builder.environment().put("LEDGER_DB_USER", db.user);
        builder.environment().put("LEDGER_DB_PASSWORD", db.password == null ? "" : db.password);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        process = builder.start();
        paused = false;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits until GET /actuator/health answers UP, bounded; fails if the process died. */
    void awaitUp(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout + ", see " + log);
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = HEALTH.send(HttpRequest.newBuilder(base().resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException down) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill9() throws Exception {
        if (paused) {
            resume();
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    void pause() throws Exception {
        signal("STOP");
        paused = true;
    }

    void resume() throws Exception {
        signal("CONT");
        paused = false;
    }

    private void signal(String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM (graceful), then SIGKILL if it does not stop within 30 s. */
    void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + "(:" + port + (process != null ? ", pid " + process.pid() : "") + ")";
    }
}
