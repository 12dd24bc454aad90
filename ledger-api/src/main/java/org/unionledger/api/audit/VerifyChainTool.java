package org.unionledger.api.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.unionledger.api.database.EmbeddedPostgresServer;
import org.unionledger.api.database.LedgerDatabaseProperties;
import org.unionledger.projections.audit.ChainVerification;
import org.unionledger.projections.audit.ChainVerifier;

/**
 * The command-line verifier behind scripts/verify-chain. Finds the database like this:
 * LEDGER_DB_URL (with LEDGER_DB_USER, LEDGER_DB_PASSWORD) when set; otherwise the running ledger's
 * embedded PostgreSQL, whose JDBC URL the ledger writes to $LEDGER_DATA_DIR/postgres.url while
 * it runs; otherwise, with no ledger running, it starts the embedded PostgreSQL on
 * $LEDGER_DATA_DIR/postgres itself, verifies, and stops it. Starts no Spring context.
 * Exit status: 0 intact, 1 a difference, 2 could not verify.
 */
public final class VerifyChainTool {

    private VerifyChainTool() {
    }

    public static void main(String[] args) {
        quietLogs();
        long untilGlobalIndex = args.length > 1 && args[0].equals("--until") ? Long.parseLong(args[1])
                : Long.MAX_VALUE;
        try {
            ChainVerification verification = verify(untilGlobalIndex);
            System.out.println(verification.summary());
            if (verification.pendingEvents() > 0) {
                System.out.println("(" + verification.pendingEvents() + " newer events not chained yet)");
            }
            System.exit(verification.intact() ? 0 : 1);
        } catch (Exception failure) {
            System.err.println("verify-chain: could not verify: " + failure);
            System.exit(2);
        }
    }

    private static ChainVerification verify(long untilGlobalIndex) throws Exception {
        String url = env("LEDGER_DB_URL").orElse(null);
        Path dataDir = Path.of(env("LEDGER_DATA_DIR").orElse("data")).toAbsolutePath();
        EmbeddedPostgresServer started = null;
        String user = env("LEDGER_DB_USER").orElse("postgres");
        String password = env("LEDGER_DB_PASSWORD").orElse("");
        if (url == null) {
            Path urlFile = dataDir.resolve(EmbeddedPostgresServer.URL_FILE);
            if (Files.exists(urlFile)) {
                url = Files.readString(urlFile).strip();
            } else {
                started = startEmbedded(dataDir.resolve("postgres"));
                url = started.jdbcUrl();
            }
            password = "postgres";
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1);
        config.setPoolName("verify-chain");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            return new ChainVerifier(Clock.systemUTC()).verify(dataSource, untilGlobalIndex);
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private static EmbeddedPostgresServer startEmbedded(Path postgresDir) throws IOException {
        if (!Files.isDirectory(postgresDir)) {
            throw new IOException("no ledger database at " + postgresDir + " (set LEDGER_DATA_DIR or LEDGER_DB_URL)");
        }
        if (Files.exists(postgresDir.resolve("postmaster.pid"))) {
            throw new IOException("PostgreSQL seems to be running on " + postgresDir + " but the ledger published "
                    + "no URL; set LEDGER_DB_URL");
        }
        return EmbeddedPostgresServer.start(LedgerDatabaseProperties.Embedded.in(postgresDir, false));
    }

    /** The answer is one line: library logs (pool, embedded PostgreSQL) only when something is wrong. */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
