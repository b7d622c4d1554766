package io.github.citusaudit.trial;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.testcontainers.utility.ResourceReaper;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/**
 * A throwaway Citus cluster in Docker, run as users of the citusdata/citus image run it: a
 * coordinator and two workers on one Docker network, the workers added by their network names; the
 * plugin connects to the coordinator's mapped port. Any image that behaves like citusdata/citus
 * (POSTGRES_PASSWORD / POSTGRES_HOST_AUTH_METHOD, citus preloaded, the extension created in the
 * default database, listening on 5432) will do.
 */
public final class CitusContainers implements ThrowawayDatabase {

    /** The image {@code trial} and the tests use unless told otherwise. */
    public static final String DEFAULT_IMAGE = Throwaway.DEFAULT_CITUS_IMAGE;

    private static final int WORKERS = 2;

    /** Whether this JVM started containers, so Testcontainers has something to clean up. */
    private static volatile boolean used;

    private final Network network;
    private final List<GenericContainer<?>> nodes;
    private final ConnectionSettings settings;
    private final List<ConnectionSettings> workers;
    private final String image;

    private CitusContainers(Network network, List<GenericContainer<?>> nodes, ConnectionSettings settings,
            List<ConnectionSettings> workers, String image) {
        this.network = network;
        this.nodes = nodes;
        this.settings = settings;
        this.workers = workers;
        this.image = image;
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

    /** Starts the cluster from the image named, e.g. {@code citusdata/citus:13.0}; null or blank is {@link #DEFAULT_IMAGE}. */
    public static CitusContainers start(String imageName) {
        String image = imageName == null || imageName.isBlank() ? DEFAULT_IMAGE : imageName.trim();
        DockerImageName parsed;
        try {
            parsed = DockerImageName.parse(image);
        } catch (IllegalArgumentException e) {
            throw new ConnectionException("citus-audit.citusImage '" + image + "' is not a Docker image name: " + e.getMessage(), e);
        }
        Network network = null;
        List<GenericContainer<?>> nodes = new ArrayList<>();
        used = true;
        try {
            network = Network.newNetwork();
            for (int i = 1; i <= WORKERS; i++) {
                nodes.add(node(parsed, network, "worker" + i));
            }
            GenericContainer<?> coordinator = node(parsed, network, "coordinator");
            nodes.add(coordinator);
            nodes.forEach(GenericContainer::start);
            ConnectionSettings settings = settingsOf(coordinator);
            for (GenericContainer<?> node : nodes) {
                try (Connection c = new Database(settingsOf(node)).connect(); Statement s = c.createStatement()) {
                    // Newer PostgreSQL minors refuse Citus' output plugin (non-blocking splits) until it is listed.
                    LocalCitus.allowCitusOutputPlugin(s);
                }
            }
            try (Connection c = new Database(settings).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT citus_set_coordinator_host('coordinator', 5432)");
                for (int i = 1; i <= WORKERS; i++) {
                    s.execute("SELECT citus_add_node('worker" + i + "', 5432)");
                }
            }
            List<ConnectionSettings> workers = nodes.subList(0, WORKERS).stream().map(CitusContainers::settingsOf).toList();
            return new CitusContainers(network, nodes, settings, workers, image);
        } catch (SQLException | RuntimeException e) {
            new CitusContainers(network, nodes, null, List.of(), image).close();
            throw new ConnectionException("cannot start Citus containers (" + image + "): " + causes(e) + hint(), e);
        }
    }

    /**
     * Lets Testcontainers remove what it made in this JVM now. Without its reaper container
     * (TESTCONTAINERS_RYUK_DISABLED) it does so in a JVM shutdown hook, which under Maven runs after
     * the plugin's class realm is closed and dies with a NoClassDefFoundError; run now, the classes
     * are loaded and the hook finds nothing left. Only for a JVM in which nothing uses Testcontainers
     * afterwards (a goal in Maven), never between tests.
     */
    public static void cleanUpBeforeTheClassLoaderCloses() {
        if (used) {
            ResourceReaper.instance().performCleanup();
        }
    }

    @Override
    public ConnectionSettings settings() {
        return settings;
    }

    /** The workers as the machine running the plugin reaches them (their mapped ports), in the order they were added. */
    public List<ConnectionSettings> workers() {
        return workers;
    }

    @Override
    public String describe() {
        return "a throwaway Citus cluster in Docker (" + image + ", coordinator and " + WORKERS + " workers)";
    }

    @Override
    public void close() {
        nodes.forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    private static ConnectionSettings settingsOf(GenericContainer<?> node) {
        return new ConnectionSettings("jdbc:postgresql://" + node.getHost() + ":" + node.getMappedPort(5432) + "/postgres",
                "postgres", "postgres");
    }

    @SuppressWarnings("resource")
    private static GenericContainer<?> node(DockerImageName image, Network network, String alias) {
        // Trust inside the Docker network: the coordinator reaches the workers as the image's users do, without a .pgpass.
        return new GenericContainer<>(image).withNetwork(network).withNetworkAliases(alias)
                .withEnv(Map.of("POSTGRES_PASSWORD", "postgres", "POSTGRES_HOST_AUTH_METHOD", "trust"))
                .withExposedPorts(5432)
                // As a user of the image passes server options: non-blocking shard moves and splits, and the
                // rebalancer, use logical replication; a throwaway cluster buys nothing with durability. But
                // synchronous_commit stays on: with it off, Citus' non-blocking shard moves lose writes
                // committed just before the switch-over (README, Citus operations on an audited table).
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_connections=200", "-c", "fsync=off",
                        "-c", "full_page_writes=off")
                // Once by the server the image initialises the database with, once by the server that stays.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /**
     * Testcontainers pulls helper images from Docker Hub: its reaper (ryuk), and, when it believes it
     * runs inside a container (a /.dockerenv file), one to find the engine's gateway. Where Docker Hub
     * cannot be reached, two environment variables avoid both; they cannot be set from Java.
     */
    private static String hint() {
        List<String> missing = new ArrayList<>();
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            missing.add("TESTCONTAINERS_RYUK_DISABLED=true (no reaper image; the containers are removed when the run ends)");
        }
        if (Files.exists(Path.of("/.dockerenv")) && isBlank(System.getenv("TESTCONTAINERS_HOST_OVERRIDE"))) {
            missing.add("TESTCONTAINERS_HOST_OVERRIDE=localhost (this machine has /.dockerenv, so Testcontainers pulls an image to find"
                    + " the engine's gateway; localhost is right when the engine runs on this machine)");
        }
        return missing.isEmpty() ? "" : ". If Docker Hub cannot be reached from here, set " + String.join(" and ", missing);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
