package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CPU time the servers of a cluster have spent, read from {@code /proc}, so every node must run
 * on this machine. Per node: its postmaster's utime + stime + cutime + cstime, the last two being the
 * time of its children that have exited and been reaped. A backend's time lands there only when it
 * exits, so the work to measure must run on connections closed before the reading; the connections a
 * coordinator backend holds to the workers close when it exits, so their backends exit too.
 * Long-lived background processes (checkpointer, Citus' maintenance daemon) count only when they exit,
 * which they do not during a run: what is measured is the sessions' work (and autovacuum's, whose
 * workers come and go).
 */
final class ServerCpu {

    private static final long POLL_MILLIS = 100;
    /** Equal readings in a row before the servers count as quiet: the workers' backends exit after the coordinator's. */
    private static final int QUIET_READINGS = 3;
    private static final long TIMEOUT_MILLIS = 60_000;

    /** {@code /proc/<pid>/stat} of each node's postmaster. */
    private final List<Path> postmasterStats;
    private final double microsPerTick;

    private ServerCpu(List<Path> postmasterStats, double microsPerTick) {
        this.postmasterStats = postmasterStats;
        this.microsPerTick = microsPerTick;
    }

    /** Finds the postmaster of the coordinator and of every worker from their data directories. */
    static ServerCpu of(BenchDatabase db) throws SQLException {
        List<List<String>> nodes = new ArrayList<>(db.query(
                "SELECT 'coordinator', current_setting('port'), true, current_setting('data_directory')"));
        nodes.addAll(db.query("SELECT nodename, nodeport, success, result FROM run_command_on_workers('SHOW data_directory')"));
        List<Path> stats = new ArrayList<>();
        for (List<String> node : nodes) {
            String name = node.get(0) + ":" + node.get(1);
            if (!node.get(2).equals("t") && !node.get(2).equals("true")) {
                throw new IllegalStateException("cannot ask " + name + " for its data directory: " + node.get(3));
            }
            List<String> pidFile;
            try {
                pidFile = Files.readAllLines(Path.of(node.get(3), "postmaster.pid"));
            } catch (IOException e) {
                throw new IllegalStateException("server CPU is read from /proc, so every node must run on this machine: cannot read "
                        + node.get(3) + "/postmaster.pid of " + name, e);
            }
            // Line 1 is the postmaster's pid, line 4 its port: a port that matches shows the file is this node's.
            if (pidFile.size() < 4 || !pidFile.get(3).trim().equals(node.get(1))) {
                throw new IllegalStateException(node.get(3) + "/postmaster.pid on this machine is not that of " + name);
            }
            stats.add(Path.of("/proc", pidFile.get(0).trim(), "stat"));
        }
        return new ServerCpu(stats, 1e6 / clockTicksPerSecond());
    }

    /**
     * The servers' CPU time so far, in µs, read once the given backends have exited (been reaped:
     * their {@code /proc} entries are gone) and the readings have stopped changing.
     */
    long quietMicros(Collection<Integer> exitingBackends) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (exitingBackends.stream().anyMatch(pid -> Files.exists(Path.of("/proc", String.valueOf(pid))))) {
            waitBefore(deadline, "backends " + exitingBackends + " to exit");
        }
        long ticks = ticks();
        for (int equal = 1; equal < QUIET_READINGS;) {
            waitBefore(deadline, "the servers' CPU time to stop changing");
            long now = ticks();
            equal = now == ticks ? equal + 1 : 1;
            ticks = now;
        }
        return Math.round(ticks * microsPerTick);
    }

    private long ticks() {
        long sum = 0;
        for (Path stat : postmasterStats) {
            String line;
            try {
                line = Files.readString(stat);
            } catch (IOException e) {
                throw new UncheckedIOException("a node's postmaster is gone: " + stat, e);
            }
            // After the command name (in parentheses, which may hold spaces) comes field 3; utime..cstime are fields 14..17.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            for (int field = 14; field <= 17; field++) {
                sum += Long.parseLong(fields[field - 3]);
            }
        }
        return sum;
    }

    private static void waitBefore(long deadline, String what) throws InterruptedException {
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("waited " + TIMEOUT_MILLIS / 1000 + " s for " + what);
        }
        Thread.sleep(POLL_MILLIS);
    }

    /** /proc counts in clock ticks (USER_HZ): 100 a second on common Linux, but asked rather than assumed. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot ask getconf CLK_TCK, the unit of /proc's CPU times", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
