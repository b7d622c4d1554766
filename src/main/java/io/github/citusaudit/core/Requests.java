package io.github.citusaudit.core;

import java.io.File;

import io.github.citusaudit.cluster.ConnectionSettings;

/** What each goal is asked to do, independent of Maven. */
public final class Requests {

    private Requests() {
    }

    /**
     * @param templates directory of template overrides, or null
     * @param connection only used to read tables declared {@code columns: existing}; may be null
     */
    public record Generate(File spec, File templates, File outputDirectory, ConnectionSettings connection) {
    }

    /** @param lockTimeout a PostgreSQL interval such as {@code 5s}; null waits as long as the server's default */
    public record Apply(File spec, File templates, ConnectionSettings connection, boolean dryRun, String lockTimeout) {
    }

    public record Trial(File spec, File templates) {
    }
}
