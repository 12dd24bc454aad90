package org.unionledger.api.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the machine spent on others during a round, as shares of all its cores' time: time the
 * hypervisor gave to other guests (steal) and the kernel's own memory-reclaim threads (kdamond,
 * kswapd). Neither belongs to the ledger or to PostgreSQL, and both land on the two sides of a
 * round alike; a round in which they are high is a round the machine took, not the code. On this
 * project's machines DAMON's proactive reclaim ({@code kdamond}) took 3-7% of the machine under
 * P1 and P4, in stretches of up to 37 ms on one core (docs/PERFORMANCE.md, setting 83). Linux only:
 * elsewhere {@link #since} says nothing.
 */
final class MachineShare {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path PROC = Path.of("/proc");

    private final long allTicks;
    private final long stealTicks;
    private final long reclaimTicks;

    private MachineShare(long allTicks, long stealTicks, long reclaimTicks) {
        this.allTicks = allTicks;
        this.stealTicks = stealTicks;
        this.reclaimTicks = reclaimTicks;
    }

    /** The counters now; all zero where /proc cannot be read. */
    static MachineShare now() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in ticks.
            String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i <= Math.min(8, cpu.length - 1); i++) {
                all += Long.parseLong(cpu[i]);
            }
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            return new MachineShare(all, steal, reclaimThreadsTicks());
        } catch (IOException | RuntimeException unreadable) {
            return new MachineShare(0, 0, 0);
        }
    }

    /** The CPU time, in ticks, of every kdamond and kswapd thread so far. */
    private static long reclaimThreadsTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                try {
                    ticks += reclaimTicks(Files.readString(process.resolve("stat")));
                } catch (IOException gone) {
                    // The process ended while being read: it was not a kernel thread.
                }
            }
        }
        return ticks;
    }

    /**
     * The CPU time, in ticks, of the process whose {@code /proc/PID/stat} line this is when it is a
     * kernel memory-reclaim thread (kdamond, kswapd), else 0.
     */
    static long reclaimTicks(String stat) {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so it ends at the last
        // ')'; utime and stime are the 12th and 13th fields after it.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.length()) {
            return 0;
        }
        String comm = stat.substring(open + 1, close);
        if (!comm.startsWith("kdamond") && !comm.startsWith("kswapd")) {
            return 0;
        }
        String[] rest = stat.substring(close + 2).split(" ");
        return rest.length > 12 ? Long.parseLong(rest[11]) + Long.parseLong(rest[12]) : 0;
    }

    /**
     * "steal 0%, kernel reclaim 6% of the machine" since {@code before}; empty where not known (either
     * reading failed).
     */
    String since(MachineShare before) {
        long all = allTicks - before.allTicks;
        if (before.allTicks == 0 || allTicks == 0 || all <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "steal %.0f%%, kernel reclaim %.1f%% of the machine",
                100.0 * (stealTicks - before.stealTicks) / all, 100.0 * (reclaimTicks - before.reclaimTicks) / all);
    }
}
