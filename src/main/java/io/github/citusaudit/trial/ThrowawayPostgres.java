package io.github.citusaudit.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * Starts the server. What initdb, pg_ctl and the server print (some 35 lines) goes to a log file
     * of its own rather than to the build's log, where the library would write it at INFO; its end
     * comes with the failure when the server does not start.
     */
    public static ThrowawayPostgres start() {
        Path log = null;
        try {
            log = Files.createTempFile("citus-audit-postgres-", ".log");
            log.toFile().deleteOnExit();
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            return new ThrowawayPostgres(EmbeddedPostgres.builder().setOutputRedirector(toLog).setErrorRedirector(toLog).start());
        } catch (IOException | RuntimeException e) {
            throw new ConnectionException("cannot start a throwaway PostgreSQL: " + e.getMessage() + tail(log), e);
        }
    }

    /** The last lines of the server's log, for a failure message. */
    private static String tail(Path log) {
        try {
            if (log == null || !Files.isRegularFile(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return "\nlast lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
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
