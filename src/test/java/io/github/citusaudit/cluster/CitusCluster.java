package io.github.citusaudit.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Tier 2: a real Citus cluster (coordinator and two workers) for the tests, from the first source
 * that is there: an external coordinator ({@code CITUS_URL}), a local Citus installation (a
 * PostgreSQL whose lib dir holds citus.so; three nodes are started on loopback, as the
 * {@code postgres} user when running as root), or Docker through Testcontainers. When none is,
 * {@link #get()} is empty and {@link #unavailableReason()} says why; tests then skip, never fake.
 */
public final class CitusCluster {

    private static final int WORKERS = 2;
    private static Optional<CitusCluster> instance;
    private static String unavailable;

    private final ConnectionSettings coordinator;
    private final String source;

    private CitusCluster(ConnectionSettings coordinator, String source) {
        this.coordinator = coordinator;
        this.source = source;
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

    public ConnectionSettings coordinator() {
        return coordinator;
    }

    /** Where the cluster came from, for logs. */
    public String source() {
        return source;
    }

    private static Optional<CitusCluster> start() {
        String external = System.getenv("CITUS_URL");
        if (external != null && !external.isBlank()) {
            return Optional.of(new CitusCluster(new ConnectionSettings(external, System.getenv("CITUS_USER"),
                    System.getenv("CITUS_PASSWORD")), "external coordinator CITUS_URL"));
        }
        List<String> reasons = new ArrayList<>();
        Optional<Path> bin = LocalNodes.citusBinDir(reasons);
        if (bin.isPresent()) {
            try {
                return Optional.of(LocalNodes.start(bin.get()));
            } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
                throw new IllegalStateException("a local Citus installation was found in " + bin.get()
                        + " but the cluster did not start: " + e.getMessage(), e);
            }
        }
        if (dockerAvailable()) {
            return Optional.of(Containers.start());
        }
        reasons.add("no Docker engine for Testcontainers");
        unavailable = "no Citus cluster: CITUS_URL is not set; " + String.join("; ", reasons);
        System.err.println("[citus-audit tier 2] skipped: " + unavailable);
        return Optional.empty();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Three PostgreSQL servers with Citus, started from the local installation. */
    static final class LocalNodes {

        static Optional<Path> citusBinDir(List<String> reasons) {
            List<Path> candidates = new ArrayList<>();
            String pgConfig = run(List.of("pg_config", "--bindir"));
            if (pgConfig != null) {
                candidates.add(Path.of(pgConfig.trim()));
            }
            File versions = new File("/usr/lib/postgresql");
            File[] installed = versions.listFiles();
            if (installed != null) {
                Stream.of(installed).sorted(Comparator.reverseOrder()).forEach(d -> candidates.add(d.toPath().resolve("bin")));
            }
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
            reasons.add("no local PostgreSQL with citus.so in its lib dir");
            return Optional.empty();
        }

        static CitusCluster start(Path bin) throws IOException, InterruptedException, SQLException {
            Path base = Files.createTempDirectory("citus-audit-cluster-");
            owned(base);
            List<Integer> ports = new ArrayList<>();
            List<Path> dataDirs = new ArrayList<>();
            for (int node = 0; node <= WORKERS; node++) {
                int port = freePort();
                Path data = base.resolve("node" + node);
                exec(List.of(bin.resolve("initdb").toString(), "-N", "-A", "trust", "-U", "postgres", "-D", data.toString()));
                Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                        "shared_preload_libraries = 'citus'",
                        "listen_addresses = '127.0.0.1'",
                        "port = " + port,
                        "unix_socket_directories = '" + base + "'",
                        "max_connections = 200",
                        // A throwaway test cluster: durability buys nothing here.
                        "fsync = off",
                        "synchronous_commit = off",
                        "full_page_writes = off",
                        ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("node" + node + ".log").toString(),
                        "-w", "-t", "60", "start"));
                ports.add(port);
                dataDirs.add(data);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path data : dataDirs) {
                    run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop")));
                }
                deleteQuietly(base);
            }));
            for (int port : ports) {
                try (Connection c = new Database(local(port)).connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS citus");
                }
            }
            try (Connection c = new Database(local(ports.get(0))).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT citus_set_coordinator_host('127.0.0.1', " + ports.get(0) + ")");
                for (int node = 1; node <= WORKERS; node++) {
                    s.execute("SELECT citus_add_node('127.0.0.1', " + ports.get(node) + ")");
                }
            }
            return new CitusCluster(local(ports.get(0)), "local Citus in " + bin + ", nodes on 127.0.0.1:" + ports);
        }

        private static ConnectionSettings local(int port) {
            return new ConnectionSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null);
        }

        private static void owned(Path dir) throws IOException, InterruptedException {
            if (isRoot()) {
                exec(List.of("chown", "postgres", dir.toString()), false);
            }
        }

        private static void exec(List<String> command) throws IOException, InterruptedException {
            exec(command, true);
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
            return "0".equals(run(List.of("id", "-u")) == null ? null : run(List.of("id", "-u")).trim());
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static void deleteQuietly(Path base) {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    /** Coordinator and workers as containers of the official image, when a Docker engine is there. */
    static final class Containers {

        static CitusCluster start() {
            DockerImageName image = DockerImageName.parse("citusdata/citus:13.0");
            Network network = Network.newNetwork();
            List<GenericContainer<?>> workers = new ArrayList<>();
            for (int i = 1; i <= WORKERS; i++) {
                workers.add(node(image, network, "worker" + i));
            }
            GenericContainer<?> coordinator = node(image, network, "coordinator");
            workers.forEach(GenericContainer::start);
            coordinator.start();
            ConnectionSettings settings = new ConnectionSettings("jdbc:postgresql://" + coordinator.getHost() + ":"
                    + coordinator.getMappedPort(5432) + "/postgres", "postgres", "postgres");
            try (Connection c = new Database(settings).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT citus_set_coordinator_host('coordinator', 5432)");
                for (int i = 1; i <= WORKERS; i++) {
                    s.execute("SELECT citus_add_node('worker" + i + "', 5432)");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set up the Citus containers: " + e.getMessage(), e);
            }
            return new CitusCluster(settings, "Testcontainers " + image);
        }

        @SuppressWarnings("resource")
        private static GenericContainer<?> node(DockerImageName image, Network network, String alias) {
            return new GenericContainer<>(image).withNetwork(network).withNetworkAliases(alias)
                    .withEnv(Map.of("POSTGRES_PASSWORD", "postgres", "POSTGRES_HOST_AUTH_METHOD", "trust"))
                    .withExposedPorts(5432)
                    .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
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
