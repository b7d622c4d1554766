package io.github.citusaudit.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.trial.CitusContainers;
import io.github.citusaudit.trial.LocalCitus;
import io.github.citusaudit.trial.ThrowawayDatabase;

/**
 * Tier 2: a real Citus cluster (coordinator and two workers) for the tests, from the first source
 * that is there: an external coordinator ({@code CITUS_URL}), a local Citus installation
 * ({@link LocalCitus}), or Docker ({@link CitusContainers}). {@code CITUS_TEST_CLUSTER=docker} (or
 * {@code local}) takes only that source, so both can be tried on a machine that has both;
 * {@code CITUS_TEST_IMAGE} names the Docker image. One cluster serves the whole test run and is
 * removed when the JVM exits. When none is there, {@link #get()} is empty and
 * {@link #unavailableReason()} says why; tests then skip, never fake.
 */
public final class CitusCluster {

    private static Optional<CitusCluster> instance;
    private static String unavailable;

    private final ConnectionSettings coordinator;
    private final String source;
    /** The bin dir of the local installation the tests started the nodes from; null otherwise. */
    private final Path localBin;

    /** Connections to the workers themselves, where the tests know them (local or Docker); empty otherwise. */
    private final List<ConnectionSettings> workers;

    private CitusCluster(ConnectionSettings coordinator, String source, Path localBin, List<ConnectionSettings> workers) {
        this.coordinator = coordinator;
        this.source = source;
        this.localBin = localBin;
        this.workers = workers;
    }

    /** Whether the tests can connect to the workers themselves (a cluster they started, here or in Docker). */
    public boolean workersReachable() {
        return !workers.isEmpty();
    }

    /** A connection to worker {@code n} (1-based) itself, as an application may on Citus 11 and later. */
    public ConnectionSettings workerSettings(int n) {
        if (workers.isEmpty()) {
            throw new IllegalStateException("the workers of this cluster are not known to the tests: " + source);
        }
        return workers.get(n - 1);
    }

    /** Whether the tests started the nodes here, and so can stop and start them. */
    public boolean nodesAreLocal() {
        return localBin != null;
    }

    /** Worker {@code n} (1-based) of a cluster the tests started here. */
    public LocalWorker worker(int n) throws java.sql.SQLException {
        if (localBin == null) {
            throw new IllegalStateException("the cluster was not started by the tests: " + source);
        }
        return LocalWorker.of(localBin, coordinator, n);
    }

    /** The coordinator of a cluster the tests started here, as a node they can stop and start. */
    public LocalWorker coordinatorNode() throws java.sql.SQLException {
        if (localBin == null) {
            throw new IllegalStateException("the cluster was not started by the tests: " + source);
        }
        return LocalWorker.coordinatorOf(localBin, coordinator);
    }

    /** Starts one more worker from the local installation and adds it to the cluster; close it to remove it. */
    public ExtraWorker startExtraWorker() throws java.io.IOException, java.sql.SQLException {
        if (localBin == null) {
            throw new IllegalStateException("the cluster was not started by the tests: " + source);
        }
        return ExtraWorker.start(localBin, coordinator);
    }

    public static synchronized Optional<CitusCluster> get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public static synchronized String unavailableReason() {
        get();
        return unavailable;
    }

    /**
     * Drops every schema the tier-2 tests make. Tables left by another test class would otherwise
     * share Citus' default colocation group, and a split there changes the shard count of tables
     * created later.
     */
    public static void dropTestSchemas(TestDatabase db) throws java.sql.SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6, shard7, shop, trust, oracle, refs, roles, images, tenant_a, tenant_b, solo, solo_audit, timeline,"
                + " \"We ird %$ \"\"schema\"\"\" CASCADE");
    }

    public ConnectionSettings coordinator() {
        return coordinator;
    }

    public String source() {
        return source;
    }

    private static Optional<CitusCluster> start() {
        String external = System.getenv("CITUS_URL");
        if (external != null && !external.isBlank()) {
            return Optional.of(new CitusCluster(new ConnectionSettings(external, System.getenv("CITUS_USER"),
                    System.getenv("CITUS_PASSWORD")), "external coordinator CITUS_URL", null, List.of()));
        }
        String wanted = Optional.ofNullable(System.getenv("CITUS_TEST_CLUSTER")).orElse("auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "local", "docker").contains(wanted)) {
            throw new IllegalStateException("CITUS_TEST_CLUSTER must be auto, local or docker, not '" + wanted + "'");
        }
        List<String> reasons = new ArrayList<>();
        ThrowawayDatabase cluster = null;
        Optional<Path> bin = wanted.equals("docker") ? Optional.empty() : LocalCitus.findInstallation(reasons);
        if (bin.isPresent()) {
            cluster = LocalCitus.start(bin.get());
        } else if (wanted.equals("local")) {
            reasons.add("CITUS_TEST_CLUSTER=local does not allow Docker");
        } else if (!CitusContainers.dockerAvailable()) {
            reasons.add("no Docker engine for Testcontainers");
        } else if (wanted.equals("docker")) {
            // Asked for by name: a cluster that does not start is a failure, not a skip.
            cluster = CitusContainers.start(System.getenv("CITUS_TEST_IMAGE"));
        } else {
            try {
                cluster = CitusContainers.start(System.getenv("CITUS_TEST_IMAGE"));
            } catch (RuntimeException e) {
                reasons.add(e.getMessage());
            }
        }
        if (cluster == null) {
            unavailable = "no Citus cluster: CITUS_URL is not set; " + String.join("; ", reasons);
            System.err.println("[citus-audit tier 2] skipped: " + unavailable);
            return Optional.empty();
        }
        ThrowawayDatabase started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        List<ConnectionSettings> workers = started instanceof CitusContainers docker ? docker.workers() : List.of();
        if (started instanceof LocalCitus) {
            try {
                workers = List.of(LocalWorker.of(bin.get(), started.settings(), 1).settings(),
                        LocalWorker.of(bin.get(), started.settings(), 2).settings());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot find the workers of the local cluster: " + e.getMessage(), e);
            }
        }
        System.err.println("[citus-audit tier 2] on " + started.describe());
        return Optional.of(new CitusCluster(started.settings(), started.describe(),
                started instanceof LocalCitus ? bin.get() : null, workers));
    }
}
