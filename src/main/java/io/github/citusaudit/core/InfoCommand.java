package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.TableStatus;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.InfoReport;
import io.github.citusaudit.report.TableInfo;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/**
 * What is installed and what history holds, per audited table (what {@code flyway info} is to
 * migrations): the mode, the placements with the trigger, the shards on the slow path, the history's
 * rows, size and last change. Read only, in a read-only session; it never fails on what it finds.
 */
public final class InfoCommand {

    private final Console console;

    public InfoCommand(Console console) {
        this.console = console;
    }

    public InfoReport run(Requests.Info request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        try (Connection connection = new Database(request.connection()).connect()) {
            connection.setReadOnly(true);
            ServerInfo server = ServerInfo.detect(connection);
            TableStatus status = new TableStatus(connection, server.hasCitus());
            List<TableInfo> tables = new ArrayList<>();
            for (TableSpec table : spec.tables()) {
                tables.add(status.read(table));
            }
            InfoReport report = new InfoReport(request.connection().describe() + " (" + server.describe() + ")", tables);
            report.lines().forEach(console::info);
            return report;
        } catch (SQLException e) {
            throw DatabaseException.of("info failed", e, request.connection());
        }
    }
}
