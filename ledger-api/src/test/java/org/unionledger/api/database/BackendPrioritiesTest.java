package org.unionledger.api.database;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The embedded server's backends take the nice value of the thread that takes their connection:
 * the lowest Java priority's for commands and processors, 0 for reads (docs/PERFORMANCE.md,
 * setting 75). Read back from /proc, as the kernel's scheduler sees it.
 */
class BackendPrioritiesTest {

    private static final int BACKGROUND_NICE = 10;

    private static EmbeddedPostgresServer server;
    private static HikariDataSource pool;

    @BeforeAll
    static void startServer() throws IOException {
        Path dataDir = Files.createTempDirectory("ledger-priorities").resolve("postgres");
        server = EmbeddedPostgresServer.start(new LedgerDatabaseProperties.Embedded(dataDir, true, 0, "128MB"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stopServer() throws IOException {
        pool.close();
        server.close();
    }

    @Test
    void aBackendTakesThePriorityOfTheThreadThatTakesItsConnectionBothWays() throws Exception {
        // Giving a backend its nice 0 back needs the right to raise a priority (root, or ulimit -e),
        // as the JVM's own thread priorities do (scripts/run passes the flags only then).
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"),
                "raising a process's priority again needs root here");
        BackendPriorities priorities = new BackendPriorities(pool, server.postmasterPid(), BACKGROUND_NICE);

        int commandBackend = onThreadAt(Thread.MIN_PRIORITY, () -> backendNice(priorities));
        int readBackend = onThreadAt(Thread.NORM_PRIORITY, () -> backendNice(priorities));
        int commandAgain = onThreadAt(Thread.MIN_PRIORITY, () -> backendNice(priorities));

        assertThat(commandBackend, equalTo(BACKGROUND_NICE));
        assertThat(readBackend, equalTo(0));
        assertThat(commandAgain, equalTo(BACKGROUND_NICE));
    }

    @Test
    void withoutTheJvmsPriorityFlagsThePoolIsLeftAsItIs() throws Exception {
        assumeTrue(BackendPriorities.lowestNiceOfThisJvm().isEmpty(), "this JVM runs with -XX:ThreadPriorityPolicy=1");

        assertThat(BackendPriorities.around(pool, server, true), sameInstance(pool));
    }

    @Test
    void anExternalServerOrReadsFirstOffLeavesThePoolAsItIs() {
        assertThat(BackendPriorities.around(pool, null, true), sameInstance(pool));
        assertThat(BackendPriorities.around(pool, server, false), sameInstance(pool));
    }

    /** The nice value of the backend behind a connection taken on the current thread. */
    private static int backendNice(BackendPriorities priorities) throws SQLException, IOException {
        try (Connection connection = priorities.getConnection()) {
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which ends with the last ')'): state is field 3, nice 19.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        }
    }

    private static <T> T onThreadAt(int priority, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.setPriority(priority);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
