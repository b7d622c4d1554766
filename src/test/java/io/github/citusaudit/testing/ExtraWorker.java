package io.github.citusaudit.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.trial.LocalCitus;

/**
 * One more worker for a cluster the tests started here, from the same installation and with the
 * same settings as LocalCitus gives its nodes, so that a test can grow the cluster (and then
 * rebalance onto the new node). {@link #close()} drains it, removes it from the cluster and deletes
 * it, so later tests see the two workers they expect.
 */
public final class ExtraWorker implements AutoCloseable {

    private final Path bin;
    private final Path base;
    private final int port;
    private final TestDatabase coordinator;

    private ExtraWorker(Path bin, Path base, int port, TestDatabase coordinator) {
        this.bin = bin;
        this.base = base;
        this.port = port;
        this.coordinator = coordinator;
    }

    /** Initialises and starts a node, creates Citus on it and adds it to the coordinator's cluster. */
    static ExtraWorker start(Path bin, ConnectionSettings coordinatorSettings) throws IOException, SQLException {
        Path base = Files.createTempDirectory("citus-audit-extra-worker-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ExtraWorker worker = new ExtraWorker(bin, base, port, new TestDatabase(coordinatorSettings));
        if (isRoot()) {
            worker.run(false, "chown", "postgres", base.toString());
        }
        Path data = base.resolve("data");
        worker.run(true, bin.resolve("initdb").toString(), "-N", "-A", "trust", "-U", "postgres", "-D", data.toString());
        Files.writeString(data.resolve("postgresql.conf"), LocalCitus.nodeSettings(port, base), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        worker.run(true, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("log").toString(),
                "-w", "-t", "60", "start");
        try (java.sql.Connection c = new io.github.citusaudit.db.Database(worker.settings()).connect();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION citus");
            LocalCitus.allowCitusOutputPlugin(s);
        }
        worker.coordinator.execute("SELECT citus_add_node('127.0.0.1', " + port + ")");
        return worker;
    }

    public int port() {
        return port;
    }

    public ConnectionSettings settings() {
        ConnectionSettings c = coordinator.settings();
        return new ConnectionSettings(c.url().replaceFirst(":\\d+/", ":" + port + "/"), c.user(), c.password());
    }

    /** Moves every shard off the node, removes it from the cluster, stops it and deletes its files. */
    @Override
    public void close() throws SQLException {
        try {
            if (!coordinator.query("SELECT 1 FROM pg_dist_node WHERE nodeport = " + port).isEmpty()) {
                coordinator.execute("SET statement_timeout = '300s'",
                        "SELECT citus_drain_node('127.0.0.1', " + port + ", shard_transfer_mode => 'block_writes')",
                        "SELECT citus_remove_node('127.0.0.1', " + port + ")");
            }
        } finally {
            try {
                run(true, bin.resolve("pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m", "immediate", "stop");
            } catch (IOException ignored) {
                // already stopped
            }
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    private void run(boolean asPostgres, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgres && isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
