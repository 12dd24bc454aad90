package org.unionledger.api.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;

import org.unionledger.api.database.EmbeddedPostgresServer;
import org.unionledger.api.database.LedgerDatabaseProperties;

/**
 * The command-line tool behind scripts/verify: rebuilds the books from the event store and
 * compares them with the journal and fund_balance. Prints every difference and exits 1, or one
 * OK line and exits 0 (2: could not verify). Finds the database like scripts/verify-chain:
 * LEDGER_DB_URL, else the running ledger's $LEDGER_DATA_DIR/postgres.url, else it starts the
 * embedded PostgreSQL in $LEDGER_DATA_DIR/postgres itself. Starts no Spring context.
 */
public final class VerifyTool {

    /** A running ledger's projections may lag a moment behind the events: look again this often. */
    private static final int ATTEMPTS_MAX = 3;
    private static final long PAUSE_MILLIS = 2_000;

    private VerifyTool() {
    }

    public static void main(String[] args) {
        quietLogs();
        try {
            System.exit(run(VerifyTool::connect, System.out, ATTEMPTS_MAX));
        } catch (Exception failure) {
            System.err.println("verify: could not verify: " + failure);
            System.exit(2);
        }
    }

    interface ConnectionSource {
        Connection open() throws Exception;
    }

    /** Verifies, looking again while differences remain (lagging projections); answers the exit status. */
    static int run(ConnectionSource database, PrintStream out, int attempts) throws Exception {
        return run(database, out, attempts, fundId -> true);
    }

    /** The same, for the funds passing {@code fundInScope} only. */
    static int run(ConnectionSource database, PrintStream out, int attempts,
                   java.util.function.Predicate<String> fundInScope) throws Exception {
        BooksVerifier.Result result = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection connection = database.open()) {
                result = BooksVerifier.verify(connection, fundInScope);
            }
            if (result.ok()) {
                break;
            }
            if (attempt < attempts) {
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        for (String difference : result.differences()) {
            out.println("DIFF " + difference);
        }
        if (result.differenceCount() > result.differences().size()) {
            out.println("... and " + (result.differenceCount() - result.differences().size()) + " more");
        }
        out.println(result.summary());
        return result.ok() ? 0 : 1;
    }

    private static EmbeddedPostgresServer started;

    private static Connection connect() throws Exception {
        Optional<String> url = env("LEDGER_DB_URL");
        if (url.isPresent()) {
            return DriverManager.getConnection(url.get(), env("LEDGER_DB_USER").orElse("postgres"),
                    env("LEDGER_DB_PASSWORD").orElse(""));
        }
        Path dataDir = Path.of(env("LEDGER_DATA_DIR").orElse("data")).toAbsolutePath();
        Path urlFile = dataDir.resolve(EmbeddedPostgresServer.URL_FILE);
        String jdbcUrl;
        if (Files.exists(urlFile)) {
            jdbcUrl = Files.readString(urlFile).strip();
        } else {
            if (started == null) {
                started = startEmbedded(dataDir.resolve("postgres"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // The tool is exiting.
                    }
                }));
            }
            jdbcUrl = started.jdbcUrl();
        }
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
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
