package io.github.citusaudit.core;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.AsynchronousCommit;
import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.catalog.ExistingDistribution;
import io.github.citusaudit.catalog.SetCommandPropagation;
import io.github.citusaudit.checks.CustomTriggerChecks;
import io.github.citusaudit.checks.TableChecks;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.JUnitXml;
import io.github.citusaudit.report.VerifyJson;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * Read-only pre-deploy check: is everything the spec installs there, and as apply would make it?
 * Writes verify.json and JUnit XML, and fails (or, with failOnDrift off, warns) on any finding.
 */
public final class VerifyCommand {

    public static final String JSON_FILE = "verify.json";
    public static final String JUNIT_FILE = "TEST-citus-audit-verify.xml";

    private final Console console;

    public VerifyCommand(Console console) {
        this.console = console;
    }

    public VerifyReport run(Requests.Verify request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        InstallPlan plan = new InstallPlan(new TemplateRenderer(request.templates()));
        try (Connection connection = new Database(request.connection()).connect()) {
            connection.setReadOnly(true);
            ServerInfo server = ServerInfo.detect(connection);
            console.info("Verifying " + spec.tables().size() + " table(s) and " + spec.triggers().size() + " custom trigger(s) on " + request.connection().describe() + " ("
                    + server.describe() + ")");
            TriggerMode mode = ApplyCommand.mode(request.mode(), server);
            ExistingDistribution.requireSingleShardTables(server, spec);
            TableChecks checks = new TableChecks(connection, server, mode, plan, spec.tables());
            List<CheckResult> results = new ArrayList<>();
            for (TableSpec table : spec.tables()) {
                results.addAll(checks.check(table));
            }
            if (!spec.triggers().isEmpty()) {
                CustomTriggerChecks custom = new CustomTriggerChecks(connection, server, plan, spec.triggers());
                for (TriggerSpec trigger : spec.triggers()) {
                    results.addAll(custom.check(trigger));
                }
            }
            if (server.hasCitus()) {
                warnIfTheApplicationsUserCannotReachTheWorkers(connection, spec);
                warnIfShardMovesCanLoseCommittedWrites(connection);
            }
            VerifyReport report = new VerifyReport(server.describe(), results);
            write(report, request.reportDirectory());
            if (report.passed()) {
                report.lines().forEach(console::info);
            } else {
                report.lines().forEach(console::warn);
                String summary = report.failures().size() + " verify check(s) failed on " + server.describe()
                        + (request.reportDirectory() == null ? "" : " (also in " + new File(request.reportDirectory(), JSON_FILE) + ")")
                        + ":\n" + String.join("\n", report.failureLines());
                if (request.failOnDrift()) {
                    throw new DriftException(summary);
                }
                console.warn(summary + " (failOnDrift=false: not failing the build)");
            }
            return report;
        } catch (SQLException e) {
            throw DatabaseException.of("verify failed", e, request.connection());
        }
    }

    /**
     * On Citus the triggers run on the workers, where the application's {@code SET LOCAL} arrives only
     * with citus.propagate_set_commands = 'local': without it every appUser column reads NULL. A
     * warning, not a finding: an application may set it in each of its sessions.
     */
    private void warnIfTheApplicationsUserCannotReachTheWorkers(Connection connection, AuditSpec spec) throws SQLException {
        List<String> recording = spec.tables().stream().filter(t -> t.history().auditColumns().appUser() != null)
                .map(t -> t.schema() + "." + t.name()).toList();
        if (recording.isEmpty()) {
            return;
        }
        List<String> on = SetCommandPropagation.whereOn(connection);
        if (on.isEmpty()) {
            console.warn("appUser of " + String.join(", ", recording) + " reads NULL unless each application session sets"
                    + " citus.propagate_set_commands = 'local': it is set neither in the server's configuration nor for the"
                    + " database or a role (apply with citus-audit.propagateSetCommands=database, or =<application roles>, sets it)");
        } else {
            console.info("citus.propagate_set_commands = 'local' for " + String.join(", ", on) + ": the application's SET LOCAL"
                    + " reaches the workers" + (on.contains("the database") || on.contains("the server's configuration") ? ""
                    : " for those roles' sessions only"));
        }
    }

    /**
     * A warning, not a finding: nothing installed is wrong, and synchronous_commit = off is a
     * legitimate choice, but with it a non-blocking shard move can lose writes committed just before
     * its switch-over, the table's rows and their history alike (catalog/AsynchronousCommit).
     */
    private void warnIfShardMovesCanLoseCommittedWrites(Connection connection) throws SQLException {
        List<String> off = AsynchronousCommit.nodesWithItOff(connection);
        if (!off.isEmpty()) {
            console.warn("synchronous_commit = off on " + String.join(", ", off) + ": a non-blocking shard move, rebalance or"
                    + " drain (shard_transfer_mode auto or force_logical) can lose writes committed just before its"
                    + " switch-over, with their history rows; turn it on for the move or use shard_transfer_mode"
                    + " => 'block_writes' (README, \"Citus operations on an audited table\")");
        }
    }

    private void write(VerifyReport report, File directory) {
        if (directory == null) {
            return;
        }
        Path json = directory.toPath().resolve(JSON_FILE);
        Path junit = directory.toPath().resolve(JUNIT_FILE);
        VerifyJson.write(report, json);
        JUnitXml.write(report, junit);
        console.info("Wrote " + json + " and " + junit);
    }
}
