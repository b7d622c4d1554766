package io.github.citusaudit.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.testing.TestDatabase;

/** The coordinator the benchmark writes to, with the few SQL helpers its set-up needs. */
record BenchDatabase(ConnectionSettings settings) {

    /**
     * The install steps that are trigger work (what the hand-written scripts are compared with); the
     * others create schemas, sequences, tables and their distribution, which every contender shares.
     */
    static final Set<String> TRIGGER_STEPS = Set.of("as-of function", "trigger function", "trigger",
            "shard trigger functions", "drop native trigger", "shard placement triggers");

    /** A console for the plugin's commands that keeps the benchmark's output readable: warnings only. */
    static final Console QUIET = new Console() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
            System.err.println("WARNING: " + line);
        }

        @Override
        public void debug(String line) {
        }
    };

    Connection connect() {
        return new Database(settings).connect();
    }

    void execute(String... statements) throws SQLException {
        sql().execute(statements);
    }

    List<List<String>> query(String sql) throws SQLException {
        return sql().query(sql);
    }

    String single(String sql) throws SQLException {
        return sql().single(sql);
    }

    private TestDatabase sql() {
        return new TestDatabase(settings);
    }

    /**
     * Creates the spec's source and history tables exactly as the plugin would (its own install
     * statements), but none of its trigger work: every contender then starts from identical tables.
     */
    void createTablesWithoutTriggers(AuditSpec spec) {
        var statements = new InstallPlan(new TemplateRenderer(null)).install(spec, TriggerMode.NATIVE).stream()
                .filter(s -> !TRIGGER_STEPS.contains(s.step()))
                .toList();
        try (Connection connection = connect()) {
            new StatementRunner(connection, settings, QUIET).run(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void dropSchemas(String... schemas) throws SQLException {
        for (String schema : schemas) {
            execute("DROP SCHEMA IF EXISTS " + Sql.id(schema) + " CASCADE");
        }
    }
}
