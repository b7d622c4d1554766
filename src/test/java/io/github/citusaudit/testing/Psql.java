package io.github.citusaudit.testing;

import java.nio.file.Path;

import io.github.citusaudit.db.ConnectionSettings;

/** Runs a script with psql against a server, as a user runs the generated install.sql. */
public final class Psql {

    /** What psql said and how it ended. */
    public record Outcome(int exitCode, String output) {
    }

    private Psql() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    public static Outcome run(ConnectionSettings c, Path script) throws Exception {
        String url = c.url().replace("jdbc:postgresql://", "");
        String hostPort = url.substring(0, url.indexOf('/'));
        String database = url.substring(url.indexOf('/') + 1).replaceAll("\\?.*", "");
        Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", hostPort.split(":")[0], "-p",
                hostPort.split(":")[1], "-U", c.user() == null ? "postgres" : c.user(), "-d", database, "-f", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes());
        return new Outcome(psql.waitFor(), output);
    }
}
