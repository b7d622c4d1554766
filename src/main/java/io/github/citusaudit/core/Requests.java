package io.github.citusaudit.core;

import java.io.File;
import java.util.List;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.ScriptFormat;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.trial.ServerLibraries;
import io.github.citusaudit.trial.Throwaway;

/** What each goal is asked to do, independent of Maven. */
public final class Requests {

    private Requests() {
    }

    /**
     * @param templates directory of template overrides, or null
     * @param connection only used to read tables declared {@code columns: existing}; may be null
     */
    public record Generate(File spec, File templates, File outputDirectory, ConnectionSettings connection, TriggerMode mode,
            ScriptFormat format) {

        public Generate {
            format = format == null ? ScriptFormat.psql : format;
        }

        /** install.sql and uninstall.sql. */
        public Generate(File spec, File templates, File outputDirectory, ConnectionSettings connection, TriggerMode mode) {
            this(spec, templates, outputDirectory, connection, mode, ScriptFormat.psql);
        }
    }

    /**
     * @param mode the trigger mode, or null to choose by the server: native on Citus 11 and later and
     *             on plain PostgreSQL, placement before Citus 11
     * @param lockTimeout a PostgreSQL interval such as {@code 5s}; null waits as long as the server's default
     */
    /**
     * @param propagateSetCommands where apply sets citus.propagate_set_commands = 'local' so that an
     *                             application's SET LOCAL reaches the workers: "database", role names,
     *                             or nothing (null or empty, the default)
     * @param dryRunOutput where a dry run writes what would change (a psql script of those steps), or null
     */
    public record Apply(File spec, File templates, ConnectionSettings connection, TriggerMode mode, boolean dryRun,
            String lockTimeout, List<String> propagateSetCommands, File dryRunOutput) {

        public Apply {
            propagateSetCommands = propagateSetCommands == null ? List.of() : List.copyOf(propagateSetCommands);
        }

        public Apply(File spec, File templates, ConnectionSettings connection, TriggerMode mode, boolean dryRun,
                String lockTimeout, List<String> propagateSetCommands) {
            this(spec, templates, connection, mode, dryRun, lockTimeout, propagateSetCommands, null);
        }

        public Apply(File spec, File templates, ConnectionSettings connection, TriggerMode mode, boolean dryRun,
                String lockTimeout) {
            this(spec, templates, connection, mode, dryRun, lockTimeout, List.of(), null);
        }
    }

    /** Reads the propagateSetCommands parameter: "database", or a comma-separated list of role names. */
    public static List<String> propagateSetCommands(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> targets = java.util.Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (targets.contains(InstallPlan.WHOLE_DATABASE) && targets.size() > 1) {
            throw new UsageException("citus-audit.propagateSetCommands is either 'database' or a list of role names, not both: '"
                    + text + "'");
        }
        return targets;
    }

    /** Reads a mode parameter: {@code auto} (null), {@code native} or {@code placement}. */
    public static TriggerMode mode(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return TriggerMode.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("citus-audit.mode must be auto, native or placement, not '" + text + "'");
        }
    }

    /**
     * @param libraries  where the throwaway servers' libraries come from (the goal resolves them when needed)
     * @param setup      a SQL script run on the throwaway database before apply, creating the tables the
     *                   spec's custom triggers act on (which the plugin does not create); null for none
     * @param citusImage the Docker image of the Citus nodes when trial starts them in Docker; null for the default
     */
    public record Trial(File spec, File templates, Throwaway.Kind database, ServerLibraries libraries, File setup,
            String citusImage) {

        /** With the libraries on the class path (the tests), no setup script, the default image. */
        public Trial(File spec, File templates, Throwaway.Kind database) {
            this(spec, templates, database, ServerLibraries.CLASS_PATH, null, null);
        }
    }

    /** Reads a trial database parameter: auto, citus or postgres. */
    public static Throwaway.Kind database(String text) {
        try {
            return Throwaway.Kind.valueOf((text == null || text.isBlank() ? "auto" : text.trim()).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("citus-audit.database must be auto, citus or postgres, not '" + text + "'");
        }
    }

    /** @param reportDirectory where verify.json and the JUnit XML go, or null for none */
    public record Verify(File spec, File templates, ConnectionSettings connection, TriggerMode mode, File reportDirectory,
            boolean failOnDrift) {
    }

    public record Info(File spec, ConnectionSettings connection) {
    }

    public record Drop(File spec, File templates, ConnectionSettings connection, boolean dropHistory, String lockTimeout) {
    }
}
