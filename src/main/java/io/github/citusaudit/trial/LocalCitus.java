package io.github.citusaudit.trial;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/**
 * A throwaway Citus cluster, a coordinator and two workers on loopback, started from a local Citus
 * installation (a PostgreSQL whose lib dir holds citus.so). PostgreSQL refuses to run as root, so
 * as root the nodes run as the {@code postgres} user.
 */
public final class LocalCitus implements ThrowawayDatabase {

    private static final int WORKERS = 2;

    private final Path bin;
    private final Path base;
    private final List<Path> dataDirs;
    private final List<Integer> ports;

    private LocalCitus(Path bin, Path base, List<Path> dataDirs, List<Integer> ports) {
        this.bin = bin;
        this.base = base;
        this.dataDirs = dataDirs;
        this.ports = ports;
    }

    /**
     * Names the bin directory of the PostgreSQL (with Citus) to start, when several are installed
     * side by side: tier-2 tests, the benchmark and trial then use that one alone.
     */
    public static final String PG_BIN_VARIABLE = "CITUS_PG_BIN";

    /**
     * The bin dir of a PostgreSQL with Citus ({@value #PG_BIN_VARIABLE} when set, else the one
     * {@code pg_config} finds, else the newest under /usr/lib/postgresql), or empty with the reason
     * added to {@code reasons}.
     */
    public static Optional<Path> findInstallation(List<String> reasons) {
        List<Path> candidates = new ArrayList<>();
        int reasonsBefore = reasons.size();
        String chosen = System.getenv(PG_BIN_VARIABLE);
        if (chosen != null && !chosen.isBlank()) {
            // One installation named (another Citus or PostgreSQL version): that one or none.
            Path bin = Path.of(chosen);
            Optional<Path> found = withCitus(List.of(bin), reasons);
            if (found.isEmpty() && reasons.size() == reasonsBefore) {
                reasons.add(PG_BIN_VARIABLE + "=" + chosen + " names no PostgreSQL with citus.so in its lib dir");
            }
            return found;
        }
        String pgConfig = run(List.of("pg_config", "--bindir"));
        if (pgConfig != null) {
            candidates.add(Path.of(pgConfig.trim()));
        }
        File[] installed = new File("/usr/lib/postgresql").listFiles();
        if (installed != null) {
            Stream.of(installed).sorted(Comparator.reverseOrder()).forEach(d -> candidates.add(d.toPath().resolve("bin")));
        }
        Optional<Path> found = withCitus(candidates, reasons);
        if (found.isEmpty() && reasons.size() == reasonsBefore) {
            reasons.add("no local PostgreSQL with citus.so in its lib dir");
        }
        return found;
    }

    /** The first of {@code candidates} whose PostgreSQL has Citus and can be run here. */
    private static Optional<Path> withCitus(List<Path> candidates, List<String> reasons) {
        for (Path bin : candidates) {
            String libDir = run(List.of(bin.resolve("pg_config").toString(), "--pkglibdir"));
            if (libDir != null && Files.exists(Path.of(libDir.trim(), "citus.so"))) {
                if (isRoot() && run(List.of("id", "-u", "postgres")) == null) {
                    reasons.add("Citus is installed in " + bin + " but running as root and there is no 'postgres' user to run it as");
                    return Optional.empty();
                }
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    public static LocalCitus start(Path bin) {
        Path base = null;
        List<Path> dataDirs = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            base = Files.createTempDirectory("citus-audit-cluster-");
            if (isRoot()) {
                exec(List.of("chown", "postgres", base.toString()), false);
            }
            LocalCitus cluster = new LocalCitus(bin, base, dataDirs, ports);
            for (int node = 0; node <= WORKERS; node++) {
                int port = freePort();
                Path data = base.resolve("node" + node);
                exec(List.of(bin.resolve("initdb").toString(), "-N", "-A", "trust", "-U", "postgres", "-D", data.toString()), true);
                Files.writeString(data.resolve("postgresql.conf"), nodeSettings(port, base), StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                dataDirs.add(data);
                exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("node" + node + ".log").toString(),
                        "-w", "-t", "60", "start"), true);
                ports.add(port);
            }
            for (int port : ports) {
                try (Connection c = new Database(local(port)).connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS citus");
                    allowCitusOutputPlugin(s);
                }
            }
            try (Connection c = new Database(local(ports.get(0))).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT citus_set_coordinator_host('127.0.0.1', " + ports.get(0) + ")");
                for (int node = 1; node <= WORKERS; node++) {
                    s.execute("SELECT citus_add_node('127.0.0.1', " + ports.get(node) + ")");
                }
            }
            return cluster;
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            if (base != null) {
                new LocalCitus(bin, base, dataDirs, ports).close();
            }
            throw new ConnectionException("cannot start a local Citus cluster from " + bin + ": " + e.getMessage(), e);
        }
    }

    /** The postgresql.conf lines of every node: Citus loaded, loopback only, its own socket dir. */
    public static String nodeSettings(int port, Path socketDirectory) {
        return String.join("\n",
                "shared_preload_libraries = 'citus'",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + socketDirectory + "'",
                "max_connections = 200",
                // Non-blocking shard moves and splits, and the rebalancer, use logical replication.
                "wal_level = logical",
                // Throwaway: durability buys nothing here.
                "fsync = off",
                "full_page_writes = off",
                // synchronous_commit stays on (the default): with it off, Citus' non-blocking shard moves
                // lose writes committed just before the switch-over (README, Citus operations on an
                // audited table). With fsync off a commit's WAL write is cheap.
                "");
    }

    /**
     * PostgreSQL 14.24, 15.19, 16.15, 17.11, 18.6 and later allow only the output plugins that
     * output_plugin_libraries lists (default pgoutput, test_decoding); Citus' non-blocking splits
     * decode with its plugin "citus" and fail with "library "citus" may not be used as an output
     * plugin" until it is listed. The setting takes a reload; older servers do not have it.
     */
    public static void allowCitusOutputPlugin(Statement s) throws SQLException {
        try (java.sql.ResultSet r = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'output_plugin_libraries'")) {
            if (!r.next()) {
                return;
            }
            List<String> plugins = new ArrayList<>(List.of(r.getString(1).trim().split("\\s*,\\s*")));
            plugins.remove("");
            if (plugins.contains("citus")) {
                return;
            }
            plugins.add("citus");
            // A list setting: one literal per element (a single quoted string would be one element).
            s.execute("ALTER SYSTEM SET output_plugin_libraries = "
                    + String.join(", ", plugins.stream().map(p -> "'" + p.replace("'", "''") + "'").toList()));
        }
        s.execute("SELECT pg_reload_conf()");
    }

    @Override
    public ConnectionSettings settings() {
        return local(ports.get(0));
    }

    @Override
    public String describe() {
        return "a throwaway Citus cluster from " + bin + " (coordinator and " + WORKERS + " workers on 127.0.0.1:" + ports + ")";
    }

    @Override
    public void close() {
        for (Path data : dataDirs) {
            run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop")));
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static ConnectionSettings local(int port) {
        return new ConnectionSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
    }

    private static void exec(List<String> command, boolean asOwner) throws IOException, InterruptedException {
        List<String> full = asOwner ? asOwner(command) : command;
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    /** PostgreSQL refuses to run as root: when we are root, run it as the postgres user. */
    private static List<String> asOwner(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        String uid = run(List.of("id", "-u"));
        return uid != null && uid.trim().equals("0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
