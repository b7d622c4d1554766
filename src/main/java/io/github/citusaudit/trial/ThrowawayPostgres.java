package io.github.citusaudit.trial;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;

/**
 * A PostgreSQL server that lives as long as this object: binaries from Maven Central, a fresh data
 * directory, a free port on loopback. It runs as root too (the library starts it in a user namespace).
 */
public final class ThrowawayPostgres implements ThrowawayDatabase {

    private final EmbeddedPostgres server;

    private ThrowawayPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static ThrowawayPostgres start() {
        try {
            return new ThrowawayPostgres(EmbeddedPostgres.builder().start());
        } catch (IOException | RuntimeException e) {
            throw new ConnectionException("cannot start a throwaway PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "a throwaway PostgreSQL (embedded, port " + server.getPort() + ")";
    }

    @Override
    public ConnectionSettings settings() {
        return new ConnectionSettings(server.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new ConnectionException("cannot stop the throwaway PostgreSQL: " + e.getMessage(), e);
        }
    }
}
