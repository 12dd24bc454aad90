package org.unionledger.api.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one PostgreSQL both ledger nodes share: started here from the embedded binaries (so it can be
 * killed with SIGKILL and restarted on the same data folder), or the server named by LEDGER_DB_URL.
 */
abstract class FaultPostgres implements AutoCloseable {

    final String user;
    final String password;

    FaultPostgres(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** JDBC URL of the harness database on this server. */
    abstract String jdbcUrl();

    abstract boolean killable();

    /** SIGKILL the postmaster and every backend: a crash of the database server. */
    abstract void kill9() throws Exception;

    /** Start it again on the same data folder and port (crash recovery runs). */
    abstract void restart() throws Exception;

    Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "120");
        Connection connection = new org.postgresql.Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    /** Waits until the database answers, bounded. */
    void awaitUp(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return;
            } catch (SQLException notYet) {
                last = notYet;
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("PostgreSQL did not answer within " + timeout, last);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The embedded binaries (zonky), as a child process of the harness. */
    static final class Embedded extends FaultPostgres {

        private final EmbeddedPostgres zonky;
        private final Path dataDir;
        private final Path logFile;
        private final List<String> commandLine;
        private Process respawned;

        Embedded(Path dataDir, Path logFile) throws Exception {
            super("postgres", "postgres");
            this.dataDir = dataDir;
            this.logFile = logFile;
            Files.createDirectories(dataDir);
            zonky = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(freeLoopbackPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            // zonky starts the postmaster through pg_ctl: its pid is in the data folder.
            commandLine = commandLineOf(postmasterPid());
            try (Connection c = connect(zonky.getJdbcUrl("postgres", "postgres")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE ledger");
            }
        }

        @Override
        String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + zonky.getPort() + "/ledger";
        }

        @Override
        boolean killable() {
            return true;
        }

        private long postmasterPid() throws IOException {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        }

        private ProcessHandle postmaster() throws IOException {
            return ProcessHandle.of(postmasterPid()).orElseThrow(() -> new IllegalStateException("no postmaster"));
        }

        @Override
        void kill9() throws Exception {
            ProcessHandle postmaster = postmaster();
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            postmaster.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            all.add(postmaster);
            for (ProcessHandle process : all) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        @Override
        void restart() throws Exception {
            if (respawned != null && respawned.isAlive()) {
                throw new IllegalStateException("PostgreSQL is still running");
            }
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // As zonky does: PostgreSQL refuses to run as root, so run it in a user namespace.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(commandLine);
            respawned = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitUp(Duration.ofSeconds(90));
        }

        @Override
        public void close() throws Exception {
            if (respawned != null && respawned.isAlive()) {
                // SIGINT: PostgreSQL's fast shutdown.
                new ProcessBuilder("kill", "-INT", Long.toString(respawned.pid())).start().waitFor();
                if (!respawned.waitFor(30, TimeUnit.SECONDS)) {
                    respawned.destroyForcibly();
                }
            }
            try {
                zonky.close();
            } catch (Exception alreadyStopped) {
                // the postmaster zonky started was killed by the nemesis
            }
        }

        private static List<String> commandLineOf(long pid) throws IOException {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String[] parts = new String(raw, StandardCharsets.UTF_8).split("\0");
            return new ArrayList<>(Arrays.asList(parts));
        }

        @Override
        public String toString() {
            return "embedded PostgreSQL on 127.0.0.1:" + zonky.getPort() + " (data " + dataDir + ")";
        }
    }

    /** A server given by LEDGER_DB_URL: a fresh database is created on it; it cannot be killed. */
    static final class External extends FaultPostgres {

        private final String url;

        External(String serverUrl, String user, String password, String database) throws SQLException {
            super(user, password);
            try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = serverUrl.indexOf('?');
            String base = slash < 0 ? serverUrl : serverUrl.substring(0, slash);
            this.url = base + "/" + database + (query < 0 ? "" : serverUrl.substring(query));
        }

        @Override
        String jdbcUrl() {
            return url;
        }

        @Override
        boolean killable() {
            return false;
        }

        @Override
        void kill9() {
            throw new UnsupportedOperationException("an external PostgreSQL is not the harness's to kill");
        }

        @Override
        void restart() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            // the database is kept for inspection
        }

        @Override
        public String toString() {
            return "external PostgreSQL " + url;
        }
    }
}
