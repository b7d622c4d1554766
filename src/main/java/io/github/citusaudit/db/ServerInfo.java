package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the server is: its PostgreSQL version and, when installed in this database, Citus' version. */
public record ServerInfo(String postgresVersion, String citusVersion) {

    /**
     * The oldest Citus release the tier-2 suite ran on (README, "Supported versions"): the goals
     * refuse older ones. The one place that says which versions are supported.
     */
    static final int[] OLDEST_TESTED_CITUS = {11, 3};

    /** The server's versions; refuses a Citus older than {@link #OLDEST_TESTED_CITUS}. */
    public static ServerInfo detect(Connection connection) throws SQLException {
        List<String> versions = new Query(connection).rows("SELECT current_setting('server_version'),"
                + " (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus')").get(0);
        ServerInfo server = new ServerInfo(versions.get(0), versions.get(1));
        server.unsupported().ifPresent(reason -> {
            throw new UnsupportedServerException(reason);
        });
        return server;
    }

    /** Why this server is not one the plugin supports, or empty when it is. */
    public Optional<String> unsupported() {
        if (!hasCitus()) {
            return Optional.empty();
        }
        int major = citusMajorVersion();
        int minor = Integer.parseInt(citusVersion.replaceAll("^\\d+\\.(\\d+).*", "$1"));
        boolean older = major < OLDEST_TESTED_CITUS[0] || (major == OLDEST_TESTED_CITUS[0] && minor < OLDEST_TESTED_CITUS[1]);
        if (!older) {
            return Optional.empty();
        }
        return Optional.of("Citus " + citusVersion + " is older than any release this plugin was tested on: it supports Citus "
                + OLDEST_TESTED_CITUS[0] + "." + OLDEST_TESTED_CITUS[1] + " and later (" + describe()
                + "); see the README's 'Supported versions'. Upgrade Citus (ALTER EXTENSION citus UPDATE after installing a newer release)");
    }

    public int citusMajorVersion() {
        return hasCitus() ? Integer.parseInt(citusVersion.replaceAll("^(\\d+).*", "$1")) : 0;
    }

    public boolean hasCitus() {
        return citusVersion != null;
    }

    /** The Citus release that brought single-shard tables and distributed schemas (schema-based sharding). */
    static final int SINGLE_SHARD_CITUS = 12;

    /**
     * Whether Citus here holds single-shard tables and distributed schemas ({@code pg_dist_schema}):
     * Citus 12 and later. The one place that knows which version brought them.
     */
    public boolean hasSingleShardTables() {
        return hasCitus() && citusMajorVersion() >= SINGLE_SHARD_CITUS;
    }

    /**
     * Why these tables (single-shard or in a distributed schema) cannot be audited here, or empty when
     * they can: on Citus before 12 there are none; without Citus they are plain tables.
     */
    public Optional<String> cannotHoldSingleShardTables(List<String> tables) {
        if (tables.isEmpty() || !hasCitus() || hasSingleShardTables()) {
            return Optional.empty();
        }
        return Optional.of("single-shard tables and distributed schemas need Citus " + SINGLE_SHARD_CITUS
                + " or later; this server is " + describe() + ", so " + String.join(", ", tables)
                + " cannot be made single-shard: upgrade Citus, or declare them hash-distributed ('distribution: {column: ...}')");
    }

    public String describe() {
        return "PostgreSQL " + postgresVersion + (hasCitus() ? ", Citus " + citusVersion : ", without Citus");
    }
}
