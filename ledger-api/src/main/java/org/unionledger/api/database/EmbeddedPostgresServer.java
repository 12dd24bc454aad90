package org.unionledger.api.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries on the classpath, with its data kept on disk.
 * If an earlier ledger process was killed, its orphaned postmaster still holds the data folder:
 * it is stopped first, so a restart after {@code kill -9} just works.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    /** The lock file zonky's EmbeddedPostgres holds while it owns the data folder. */
    private static final String OWNER_LOCK_FILE = "epg-lock";

    /** Beside the data folder ($LEDGER_DATA_DIR/postgres.url): where tools such as scripts/verify-chain connect. */
    public static final String URL_FILE = "postgres.url";

    private final EmbeddedPostgres postgres;
    private final Path urlFile;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path urlFile) {
        this.postgres = postgres;
        this.urlFile = urlFile;
    }

    public static EmbeddedPostgresServer start(LedgerDatabaseProperties.Embedded settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(settings.cleanOnStart())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // wal_buffers follows: a thirty-second of it, at most 16MB.
                .setServerConfig("shared_buffers", settings.sharedBuffers());
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(), dataDir);
        Path urlFile = dataDir.resolveSibling(URL_FILE);
        Files.writeString(urlFile, postgres.getJdbcUrl("postgres", "postgres") + "\n");
        return new EmbeddedPostgresServer(postgres, urlFile);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(urlFile);
        postgres.close();
    }

    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner(dataDir);
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by an earlier ledger process", postmaster.pid());
        // SIGQUIT is PostgreSQL's immediate shutdown: the orphan has no ledger left to wait for.
        new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster.pid())).inheritIO().start();
        try {
            postmaster.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            postmaster.destroyForcibly();
        }
    }

    /**
     * A live ledger holds a file lock on the data folder (zonky's epg-lock) for as long as it runs:
     * its PostgreSQL is not an orphan and must not be touched.
     */
    private static void requireNoLiveOwner(Path dataDir) throws IOException {
        try (FileChannel channel = FileChannel.open(dataDir.resolve(OWNER_LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("The data folder " + dataDir + " is in use by another running "
                        + "ledger. Stop it first, or give this one its own LEDGER_DATA_DIR.");
            }
            lock.release();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
    }
}
