package org.unionledger.api.database;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded PostgreSQL's backends run at the priority of the thread that takes their connection
 * from the pool: the backend of a command's or an event processor's connection at the nice value of
 * the lowest Java priority (10 with the scripts' flags), a portal read's at nice 0. Portal reads go
 * before commands when the cores are short (web/ReadsFirstFilter), but a read's time is as much
 * its backend's as its thread's, and with every backend at nice 0 a read's statement queued for
 * the CPU behind the statements of commands and projections (docs/PERFORMANCE.md, setting 75).
 *
 * <p>Only for the embedded server, whose backends are this machine's processes, children of the
 * postmaster this process started (each backend is checked to be one before it is touched); and
 * only when the JVM maps Java priorities to nice values ({@code -XX:ThreadPriorityPolicy=1}, which
 * scripts/run and scripts/bench pass only where a process may raise a priority again). A backend's
 * nice value is set only when it differs from what was set last: Hikari gives a thread back the
 * connection it used last, so a change is rare and costs one system call.
 */
final class BackendPriorities extends DelegatingDataSource implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(BackendPriorities.class);
    /** setpriority(2)'s "which" for one process. */
    private static final int PRIO_PROCESS = 0;
    /** HotSpot's nice value for Java priority 1 on Linux when JavaPriority1_To_OSPriority is not set. */
    private static final int HOTSPOT_LOWEST_NICE = 4;

    private final long postmasterPid;
    private final int backgroundNice;
    /** The nice value last set per physical connection (weak keys: by identity, gone with the connection). */
    private final Cache<PGConnection, Integer> niceByConnection = Caffeine.newBuilder().weakKeys().build();
    private volatile boolean off;

    BackendPriorities(DataSource pool, long postmasterPid, int backgroundNice) {
        super(pool);
        this.postmasterPid = postmasterPid;
        this.backgroundNice = backgroundNice;
    }

    /**
     * The pool itself, or the pool with its backends' priorities following their threads' when the
     * server is embedded, portal reads go first and the JVM maps Java priorities to nice values.
     */
    static DataSource around(DataSource pool, EmbeddedPostgresServer embedded, boolean readsFirst) {
        Optional<Integer> lowestNice = lowestNiceOfThisJvm();
        if (embedded == null || !readsFirst || lowestNice.isEmpty()) {
            return pool;
        }
        long postmaster;
        try {
            postmaster = embedded.postmasterPid();
        } catch (IOException unreadable) {
            log.warn("PostgreSQL's backends keep their priority: the postmaster's pid is unknown ({})",
                    unreadable.getMessage());
            return pool;
        }
        log.info("The embedded PostgreSQL's backends follow their threads' priorities: commands and "
                + "processors at nice {}, portal reads at 0", lowestNice.get());
        return new BackendPriorities(pool, postmaster, lowestNice.get());
    }

    /** The nice value of Java's lowest priority, when the JVM maps priorities to nice values at all. */
    static Optional<Integer> lowestNiceOfThisJvm() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null || !"1".equals(hotSpot.getVMOption("ThreadPriorityPolicy").getValue())) {
            return Optional.empty();
        }
        int lowest = Integer.parseInt(hotSpot.getVMOption("JavaPriority1_To_OSPriority").getValue());
        return Optional.of(lowest < 0 ? HOTSPOT_LOWEST_NICE : lowest);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return prioritized(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return prioritized(super.getConnection(username, password));
    }

    /** The nice value a backend should have for work done on the current thread. */
    int niceForCurrentThread() {
        return Thread.currentThread().getPriority() <= Thread.MIN_PRIORITY ? backgroundNice : 0;
    }

    private Connection prioritized(Connection connection) {
        if (off) {
            return connection;
        }
        try {
            PGConnection backend = connection.unwrap(PGConnection.class);
            int nice = niceForCurrentThread();
            Integer current = niceByConnection.getIfPresent(backend);
            if (current != null && current == nice) {
                return connection;
            }
            int pid = backend.getBackendPID();
            if (current == null && !isBackendOfOurServer(pid)) {
                turnOff("backend " + pid + " is not a child of the embedded postmaster " + postmasterPid);
            } else if (LibC.INSTANCE.setpriority(PRIO_PROCESS, pid, nice) != 0) {
                turnOff("setpriority(" + pid + ", " + nice + ") failed with errno " + Native.getLastError());
            } else {
                niceByConnection.put(backend, nice);
            }
        } catch (SQLException | RuntimeException | LinkageError unavailable) {
            turnOff(unavailable.toString());
        }
        return connection;
    }

    private boolean isBackendOfOurServer(int pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                .filter(parent -> parent == postmasterPid).isPresent();
    }

    private void turnOff(String why) {
        if (!off) {
            off = true;
            log.warn("PostgreSQL's backends no longer follow their threads' priorities: {}", why);
        }
    }

    @Override
    public void close() throws IOException {
        if (getTargetDataSource() instanceof Closeable pool) {
            pool.close();
        }
    }

    /** The C library's setpriority(2). */
    interface LibC extends Library {

        LibC INSTANCE = Native.load("c", LibC.class);

        int setpriority(int which, int who, int prio);
    }
}
