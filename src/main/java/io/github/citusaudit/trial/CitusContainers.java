package io.github.citusaudit.trial;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/** A throwaway Citus cluster as containers of the official image, when a Docker engine is there. */
public final class CitusContainers implements ThrowawayDatabase {

    private static final int WORKERS = 2;
    private static final DockerImageName IMAGE = DockerImageName.parse("citusdata/citus:13.0");

    private final Network network;
    private final List<GenericContainer<?>> nodes;
    private final ConnectionSettings settings;

    private CitusContainers(Network network, List<GenericContainer<?>> nodes, ConnectionSettings settings) {
        this.network = network;
        this.nodes = nodes;
        this.settings = settings;
    }

    /** Whether Testcontainers finds a Docker engine; ask {@link Throwaway#dockerEngineConfigured()} first. */
    public static boolean dockerAvailable() {
        if (!Throwaway.dockerEngineConfigured()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static CitusContainers start() {
        Network network = Network.newNetwork();
        List<GenericContainer<?>> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= WORKERS; i++) {
                nodes.add(node(network, "worker" + i));
            }
            GenericContainer<?> coordinator = node(network, "coordinator");
            nodes.add(coordinator);
            nodes.forEach(GenericContainer::start);
            ConnectionSettings settings = new ConnectionSettings("jdbc:postgresql://" + coordinator.getHost() + ":"
                    + coordinator.getMappedPort(5432) + "/postgres", "postgres", "postgres");
            try (Connection c = new Database(settings).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT citus_set_coordinator_host('coordinator', 5432)");
                for (int i = 1; i <= WORKERS; i++) {
                    s.execute("SELECT citus_add_node('worker" + i + "', 5432)");
                }
            }
            return new CitusContainers(network, nodes, settings);
        } catch (SQLException | RuntimeException e) {
            new CitusContainers(network, nodes, null).close();
            throw new ConnectionException("cannot start Citus containers (" + IMAGE + "): " + e.getMessage(), e);
        }
    }

    @Override
    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return "a throwaway Citus cluster in Docker (" + IMAGE + ", coordinator and " + WORKERS + " workers)";
    }

    @Override
    public void close() {
        nodes.forEach(GenericContainer::stop);
        network.close();
    }

    @SuppressWarnings("resource")
    private static GenericContainer<?> node(Network network, String alias) {
        return new GenericContainer<>(IMAGE).withNetwork(network).withNetworkAliases(alias)
                .withEnv(Map.of("POSTGRES_PASSWORD", "postgres", "POSTGRES_HOST_AUTH_METHOD", "trust"))
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
    }
}
