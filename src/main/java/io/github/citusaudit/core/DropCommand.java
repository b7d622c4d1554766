package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.db.Session;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;

/**
 * Removes what the spec installed, in both modes and everywhere: triggers on the tables and on
 * every shard placement, the trigger functions; the history tables only with dropHistory.
 * Running it again changes nothing.
 */
public final class DropCommand {

    private final Console console;

    public DropCommand(Console console) {
        this.console = console;
    }

    public void run(Requests.Drop request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        List<RenderedStatement> statements = new InstallPlan(new TemplateRenderer(request.templates())).uninstall(spec, request.dropHistory());
        try (Connection connection = new Database(request.connection()).connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            console.info("Connected to " + request.connection().describe() + " (" + server.describe() + ")");
            Session.lockTimeout(connection, request.lockTimeout());
            Session.lockApply(connection);
            try {
                new StatementRunner(connection, request.connection(), console).run(statements);
            } finally {
                Session.unlockApply(connection);
            }
            console.info("Dropped the audit triggers and functions of " + spec.tables().size() + " table(s)"
                    + (request.dropHistory() ? " and their history tables" : "; history tables kept"));
        } catch (SQLException e) {
            throw DatabaseException.of("drop failed", e, request.connection());
        }
    }
}
