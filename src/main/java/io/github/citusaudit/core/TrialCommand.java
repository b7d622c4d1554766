package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;
import io.github.citusaudit.spec.TriggerSpec;
import io.github.citusaudit.trial.SampleChanges;
import io.github.citusaudit.trial.Throwaway;
import io.github.citusaudit.trial.TriggerSamples;
import io.github.citusaudit.trial.ThrowawayDatabase;

/**
 * Proves a spec on a database that exists only for this run (Citus when one can be started, else
 * PostgreSQL): start it, apply, make one INSERT, UPDATE and DELETE per table, check that each left
 * its history row, show them, run verify's checks, throw it all away.
 */
public final class TrialCommand {

    private final Console console;

    public TrialCommand(Console console) {
        this.console = console;
    }

    /** The setup script's text; custom triggers need one, as their tables are the user's. */
    private static String setupScript(AuditSpec spec, Requests.Trial request) {
        if (request.setup() == null) {
            if (!spec.triggers().isEmpty()) {
                throw new UsageException("the spec's custom triggers act on tables the plugin does not create: give trial a"
                        + " script that creates them, citus-audit.trialSetup (e.g. src/examples/little-big/tables.sql)");
            }
            return null;
        }
        try {
            return java.nio.file.Files.readString(request.setup().toPath());
        } catch (java.io.IOException e) {
            throw new UsageException("cannot read citus-audit.trialSetup " + request.setup() + ": " + e.getMessage());
        }
    }

    private void runSetup(ThrowawayDatabase server, String setup, java.io.File file) {
        try (Connection connection = new Database(server.settings()).connect(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute(setup);
            console.info("Ran " + file);
        } catch (SQLException e) {
            throw DatabaseException.of("trial setup " + file + " failed", e, server.settings());
        }
    }

    /** One INSERT, UPDATE and DELETE on each custom trigger's table, and its targets' rows after each. */
    private void showTriggerSamples(Connection connection, AuditSpec spec) throws SQLException {
        for (TriggerSpec trigger : spec.triggers()) {
            for (TriggerSamples.Step step : new TriggerSamples().run(connection, trigger)) {
                step.targets().forEach((target, rows) -> {
                    console.info("Rows of " + target + " after one " + step.change() + " on " + trigger.tableName() + " (trigger "
                            + trigger.name() + "):");
                    rows.lines().forEach(console::info);
                });
            }
        }
    }

    /** @return the history rows per table */
    public Map<String, TextTable> run(Requests.Trial request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        if (spec.tables().stream().anyMatch(TableSpec::existingColumns)) {
            throw new UsageException("trial creates its tables from the spec; tables declared 'columns: existing' cannot be tried");
        }
        List<String> unsampleable = spec.tables().stream().flatMap(t -> SampleChanges.unsampleable(t).stream()).toList();
        if (!unsampleable.isEmpty()) {
            throw new UsageException("trial cannot make a sample value for " + String.join(", ", unsampleable)
                    + ": give the column a default or make it nullable in the spec");
        }
        String setup = setupScript(spec, request);
        try (ThrowawayDatabase server = Throwaway.start(request.database(), request.libraries(), request.citusImage(), console)) {
            console.info("Started " + server.describe());
            if (setup != null) {
                runSetup(server, setup, request.setup());
            }
            new ApplyCommand(console).apply(spec, new Requests.Apply(request.spec(), request.templates(), server.settings(),
                    null, false, null));
            Map<String, TextTable> histories = new LinkedHashMap<>();
            try (Connection connection = new Database(server.settings()).connect()) {
                for (TableSpec table : spec.tables()) {
                    SampleChanges.Outcome outcome = new SampleChanges().run(connection, table);
                    TextTable rows = outcome.rows();
                    int expected = outcome.expectedRows();
                    String name = table.schema() + "." + table.name();
                    console.info("History of " + name + " after one INSERT, UPDATE and DELETE ("
                            + table.history().schema() + "." + table.history().table() + "):");
                    rows.lines().forEach(console::info);
                    if (rows.size() != expected) {
                        throw new DriftException("trial: " + name + " should have " + expected + " history rows, found " + rows.size());
                    }
                    histories.put(name, rows);
                }
                showTriggerSamples(connection, spec);
            } catch (SQLException e) {
                throw DatabaseException.of("trial failed", e, server.settings());
            }
            // The throwaway verify: everything apply made is checked as verify checks a real deployment.
            VerifyReport verified = new VerifyCommand(console).run(new Requests.Verify(request.spec(), request.templates(),
                    server.settings(), null, null, true));
            console.info("Trial passed: " + spec.tables().size() + " table(s) audited, " + (spec.triggers().isEmpty() ? ""
                    : spec.triggers().size() + " custom trigger(s), ") + verified.results().size()
                    + " verify checks passed; the throwaway database is removed.");
            return histories;
        }
    }
}
