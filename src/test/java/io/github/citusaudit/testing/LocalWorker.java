package io.github.citusaudit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.citusaudit.db.ConnectionSettings;

/**
 * A worker of the cluster the tests started on this machine, which fault tests may stop (as a
 * crash would) and start again. Found through the coordinator's metadata and the worker's own
 * {@code data_directory}, so the plugin's throwaway cluster needs no test-only methods.
 */
public final class LocalWorker {

    private final Path bin;
    private final int port;
    private final Path dataDirectory;
    private final ConnectionSettings settings;

    private LocalWorker(Path bin, int port, Path dataDirectory, ConnectionSettings settings) {
        this.bin = bin;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.settings = settings;
    }

    /** Worker {@code n} (1-based, in group order) of the cluster whose coordinator is {@code coordinator}. */
    static LocalWorker of(Path bin, ConnectionSettings coordinator, int n) throws SQLException {
        TestDatabase db = new TestDatabase(coordinator);
        int port = Integer.parseInt(db.single("SELECT nodeport FROM pg_dist_node WHERE groupid > 0 AND noderole = 'primary'"
                + " ORDER BY groupid OFFSET " + (n - 1) + " LIMIT 1"));
        ConnectionSettings settings = new ConnectionSettings(coordinator.url().replaceFirst(":\\d+/", ":" + port + "/"),
                coordinator.user(), coordinator.password());
        TestDatabase worker = new TestDatabase(settings);
        return new LocalWorker(bin, port, Path.of(worker.single("SHOW data_directory")), settings);
    }

    /** The coordinator itself, which crash tests stop and start the same way (it keeps its port). */
    static LocalWorker coordinatorOf(Path bin, ConnectionSettings coordinator) throws SQLException {
        int port = Integer.parseInt(new TestDatabase(coordinator).single("SHOW port"));
        return new LocalWorker(bin, port, Path.of(new TestDatabase(coordinator).single("SHOW data_directory")), coordinator);
    }

    public int port() {
        return port;
    }

    /** To connect to the worker itself, as an application may on Citus 11 and later. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** Stops the worker at once ({@code -m immediate}): no checkpoint, sessions cut, as a crash would. */
    public void stop() {
        pgCtl("-D", dataDirectory.toString(), "-m", "immediate", "stop");
    }

    public void start() {
        pgCtl("-D", dataDirectory.toString(), "-l", dataDirectory + ".log", "-w", "-t", "60", "start");
    }

    /** PostgreSQL refuses to run as root: as root, pg_ctl runs as the postgres user, as the cluster's nodes do. */
    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve("pg_ctl").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
