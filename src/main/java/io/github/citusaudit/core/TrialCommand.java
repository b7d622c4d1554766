package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.citusaudit.cluster.ApplyException;
import io.github.citusaudit.cluster.Database;
import io.github.citusaudit.cluster.SampleChanges;
import io.github.citusaudit.cluster.ThrowawayPostgres;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/**
 * Proves a spec on a database that exists only for this run: start it, apply, make one INSERT,
 * UPDATE and DELETE per table, check that each left its history row, show them, throw it all away.
 */
public final class TrialCommand {

    private final Console console;

    public TrialCommand(Console console) {
        this.console = console;
    }

    /** @return the history rows per table */
    public Map<String, TextTable> run(Requests.Trial request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        if (spec.tables().stream().anyMatch(TableSpec::existingColumns)) {
            throw new UsageException("trial creates its tables from the spec; tables declared 'columns: existing' cannot be tried");
        }
        console.info("Starting a throwaway PostgreSQL ...");
        try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
            new ApplyCommand(console).apply(spec, new Requests.Apply(request.spec(), request.templates(), server.settings(),
                    null, false, null));
            Map<String, TextTable> histories = new LinkedHashMap<>();
            try (Connection connection = new Database(server.settings()).connect()) {
                for (TableSpec table : spec.tables()) {
                    TextTable rows = new SampleChanges().run(connection, table);
                    int expected = table.history().operations().size();
                    String name = table.schema() + "." + table.name();
                    console.info("History of " + name + " after one INSERT, UPDATE and DELETE ("
                            + table.history().schema() + "." + table.history().table() + "):");
                    rows.lines().forEach(console::info);
                    if (rows.size() != expected) {
                        throw new ApplyException("trial: " + name + " should have " + expected + " history rows, found " + rows.size());
                    }
                    histories.put(name, rows);
                }
            } catch (SQLException e) {
                throw new ApplyException("trial: " + e.getMessage(), e);
            }
            console.info("Trial passed: " + spec.tables().size() + " table(s) audited; the throwaway database is removed.");
            return histories;
        }
    }
}
