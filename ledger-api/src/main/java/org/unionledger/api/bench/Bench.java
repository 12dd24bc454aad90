package org.unionledger.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.unionledger.api.LedgerApplication;
import org.unionledger.api.database.EmbeddedPostgresServer;
import org.unionledger.api.database.LedgerDatabaseProperties;

/**
 * scripts/bench: starts one PostgreSQL (embedded in a temporary folder, or LEDGER_DB_URL), starts
 * the ledger on it in this JVM, and runs {@link BenchRun}. Arguments: {@code --quick} or
 * {@code --tiny}; none for the full city-year; {@code --only=P2,P3} to measure only some figures
 * (the city-year is always loaded). Figures go to stdout, progress to stderr.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        BenchFigures only = BenchFigures.fromArguments(args);
        BenchSizes sizes = BenchSizes.fromArguments(BenchFigures.withoutOnly(args));
        String externalUrl = System.getenv("LEDGER_DB_URL");
        Path tempDir = null;
        EmbeddedPostgresServer postgres = null;
        quietLogging();
        // Command-line arguments: they outrank application.yml (default properties would not).
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.axonframework", "WARN");
        properties.put("logging.level.org.unionledger", "WARN");
        properties.put("spring.main.banner-mode", "off");
        // Start-up warnings went to stdout between the figures; stdout is for figures only.
        properties.put("logging.threshold.console", "ERROR");
        if (externalUrl == null || externalUrl.isBlank()) {
            tempDir = Files.createTempDirectory("ledger-bench-pg");
            LedgerDatabaseProperties.Embedded embedded = LedgerDatabaseProperties.Embedded.in(tempDir, true);
            postgres = EmbeddedPostgresServer.start(embedded);
            properties.put("ledger.db.url", postgres.jdbcUrl());
            properties.put("ledger.db.user", "postgres");
            properties.put("ledger.db.password", "postgres");
            Figures.note("embedded PostgreSQL in " + tempDir + " (shared_buffers " + embedded.sharedBuffers() + ")");
        } else {
            Figures.note("PostgreSQL at " + externalUrl + " (use a scratch database: the benchmark adds data)");
        }
        int status = 0;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            new BenchRun(app, "http://localhost:" + port, sizes, only, new Figures(System.out)).run();
        } catch (Exception failed) {
            failed.printStackTrace();
            status = 1;
        } finally {
            if (postgres != null) {
                postgres.close();
                deleteQuietly(tempDir);
            }
        }
        System.exit(status);
    }

    /** Before Spring configures logging, the embedded PostgreSQL would log every line to stdout. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
