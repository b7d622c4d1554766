package io.github.citusaudit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.trial.CitusContainers;
import io.github.citusaudit.trial.LocalCitus;
import io.github.citusaudit.trial.ThrowawayDatabase;

/**
 * The Citus coordinator to measure against: {@code -Dbench.url}, else {@code CITUS_URL} (with
 * {@code CITUS_USER}/{@code CITUS_PASSWORD}), else a throwaway cluster started here (a local Citus
 * installation, else Docker), removed when the benchmark ends. Never plain PostgreSQL: the figures
 * are about Citus.
 */
final class BenchCluster implements AutoCloseable {

    private final ConnectionSettings settings;
    private final String source;
    private final ThrowawayDatabase throwaway;

    private BenchCluster(ConnectionSettings settings, String source, ThrowawayDatabase throwaway) {
        this.settings = settings;
        this.source = source;
        this.throwaway = throwaway;
    }

    static BenchCluster open(BenchOptions options) {
        if (options.url() != null) {
            return new BenchCluster(new ConnectionSettings(options.url(), options.user(), options.password()),
                    "external coordinator (bench.url)", null);
        }
        String external = System.getenv("CITUS_URL");
        if (external != null && !external.isBlank()) {
            return new BenchCluster(new ConnectionSettings(external, System.getenv("CITUS_USER"), System.getenv("CITUS_PASSWORD")),
                    "external coordinator (CITUS_URL)", null);
        }
        List<String> reasons = new ArrayList<>();
        Optional<Path> bin = LocalCitus.findInstallation(reasons);
        ThrowawayDatabase started;
        if (bin.isPresent()) {
            started = LocalCitus.start(bin.get());
        } else if (CitusContainers.dockerAvailable()) {
            started = CitusContainers.start(System.getenv("CITUS_TEST_IMAGE"));
        } else {
            throw new IllegalStateException("no Citus cluster to measure: set -Dbench.url or CITUS_URL to a coordinator; "
                    + String.join("; ", reasons) + "; no Docker engine");
        }
        asynchronousCommit(started.settings());
        return new BenchCluster(started.settings(), started.describe(), started);
    }

    /**
     * The throwaway clusters keep synchronous_commit on (Citus' non-blocking shard moves lose writes
     * without it); the benchmark moves no shards and was measured with it off (docs/benchmarks.md),
     * so its cluster runs so on every node.
     */
    private static void asynchronousCommit(ConnectionSettings coordinator) {
        try (java.sql.Connection c = new Database(coordinator).connect(); java.sql.Statement s = c.createStatement()) {
            for (String command : List.of("ALTER SYSTEM SET synchronous_commit = off", "SELECT pg_reload_conf()")) {
                try (java.sql.ResultSet r = s.executeQuery("SELECT string_agg(result, '; ') FROM run_command_on_all_nodes('"
                        + command + "') WHERE NOT success")) {
                    if (r.next() && r.getString(1) != null) {
                        throw new IllegalStateException(command + " failed on the benchmark's cluster: " + r.getString(1));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set synchronous_commit = off on the benchmark's cluster: " + e.getMessage(), e);
        }
    }

    ConnectionSettings settings() {
        return settings;
    }

    String describe() {
        return source;
    }

    @Override
    public void close() {
        if (throwaway != null) {
            throwaway.close();
        }
    }
}
