package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.citusaudit.catalog.AuditTrigger;
import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.catalog.ExistingDistribution;
import io.github.citusaudit.catalog.InstalledState;
import io.github.citusaudit.catalog.LivePartitioning;
import io.github.citusaudit.catalog.PartitionTriggers;
import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.catalog.SourceChanges;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.db.Session;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.db.Topology;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.DryRunScript;
import io.github.citusaudit.report.PlacementReport;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.report.StepResult;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/**
 * Installs a spec on a live server: the same statements {@code generate} writes, run one by one on
 * the coordinator under an advisory lock, then checked.
 */
public final class ApplyCommand {

    private final Console console;

    public ApplyCommand(Console console) {
        this.console = console;
    }

    /** @return what apply did, or for a dry run would do */
    public ApplyReport run(Requests.Apply request) {
        // The spec is read and validated before anything is connected to.
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        return apply(spec, request);
    }

    /** Native from Citus 11 on, where Citus keeps triggers of distributed tables; placement before. */
    static TriggerMode mode(TriggerMode requested, ServerInfo server) {
        if (requested == TriggerMode.PLACEMENT && !server.hasCitus()) {
            throw new UsageException("citus-audit.mode=placement needs Citus; this server is " + server.describe());
        }
        if (requested != null) {
            return requested;
        }
        return server.hasCitus() && server.citusMajorVersion() < 11 ? TriggerMode.PLACEMENT : TriggerMode.NATIVE;
    }

    /**
     * Placement mode is for hash-distributed tables on Citus before 11. Single-shard tables exist from
     * Citus 12 on, where the native trigger is there and travels with the shard through every move
     * (citus_schema_move included), while a trigger per placement would be lost by each: so they keep
     * the native trigger, as reference and local tables do.
     */
    private void sayWhySingleShardTablesKeepTheNativeTrigger(AuditSpec spec) {
        List<String> singleShard = spec.tables().stream().filter(t -> t.distribution().isSingleShard())
                .map(t -> t.schema() + "." + t.name()).toList();
        if (!singleShard.isEmpty()) {
            console.info("Single-shard tables keep the native trigger in placement mode (it travels with their shard"
                    + " through moves, a placement's trigger would not): " + String.join(", ", singleShard));
        }
    }

    /**
     * Native mode: a placement whose trigger was dropped on a worker is not seen by the table's own
     * trigger check; re-creating the table's trigger puts it back on every shard.
     */
    private PlacementReport repair(Connection connection, ConnectionSettings settings, InstallPlan plan, AuditSpec spec,
            PlacementReport placements) throws SQLException {
        Set<String> broken = new TreeSet<>();
        placements.failures().forEach(f -> broken.add(f.table()));
        List<TableSpec> tables = spec.tables().stream().filter(t -> broken.contains(t.schema() + "." + t.name())).toList();
        console.warn(placements.failures().size() + " shard placement(s) lack the audit trigger; re-creating the trigger of "
                + String.join(", ", broken));
        new StatementRunner(connection, settings, console).run(plan.recreateTriggers(tables));
        return new PlacementReport(new PlacementTriggers().check(connection, spec));
    }

    /**
     * What the shutdown hook does on Ctrl-C (and tests do directly): cancels the running statement on
     * the server, says which step it was, and waits a little for apply to end so that its failure,
     * naming the step, reaches the log before the JVM exits.
     */
    public void interrupt() {
        StatementRunner runner = running;
        if (runner != null) {
            interrupt(runner);
        }
    }

    private void interrupt(StatementRunner runner) {
        String step = runner.cancel();
        console.warn("citus-audit apply interrupted" + (step == null ? " between steps: nothing after the last finished step runs"
                : " during " + step + ": cancelling it on the server (rolled back, nothing of it applied)"));
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runner of the apply under way, for {@link #interrupt()}. */
    private volatile StatementRunner running;
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * Runs the steps in a transaction that is rolled back: each one sees what the steps before it
     * would have made, and the catalog before and after it tells what it would change. It takes the
     * locks those changes would take, until the rollback. Steps that Citus runs in sessions of its own
     * (on placements) are not run: what they would do is read from the placements.
     */
    private ApplyReport dryRun(Connection connection, ServerInfo server, AuditSpec resolved, List<RenderedStatement> statements,
            InstalledState state, StatementRunner runner, Requests.Apply request, InstallPlan plan) throws SQLException {
        Session.lockApply(connection, console);
        connection.setAutoCommit(false);
        List<StepResult> steps;
        try {
            if (server.hasCitus()) {
                // Citus refuses to propagate a function after a parallel command on a distributed table in one transaction.
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
                }
            }
            console.info("Dry run: the steps run in a transaction that is rolled back; only what would change is shown");
            steps = new ApplySteps(state, server.hasCitus(), resolved, runner, console, true, plan::bundled).run(statements);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
            Session.unlockApply(connection);
        }
        ApplyReport report = new ApplyReport(server.describe(), steps, resolved.tables().size(), resolved.triggers().size(), true);
        console.info(report.countLine());
        if (request.dryRunOutput() != null) {
            java.nio.file.Path file = request.dryRunOutput().toPath();
            try {
                if (file.getParent() != null) {
                    java.nio.file.Files.createDirectories(file.getParent());
                }
                java.nio.file.Files.writeString(file, DryRunScript.of(request.spec().getName(), settingsDescription(request), report),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the dry run to " + file + ": " + e.getMessage(), e);
            }
            console.info("Wrote the dry run to " + file + " (" + report.changes().size() + " step(s) that would change something)");
        }
        return report;
    }

    private static String settingsDescription(Requests.Apply request) {
        return request.connection().describe();
    }

    /** After the steps: every trigger in place (on Citus, on every placement; native mode repairs a lost one). */
    private ApplyReport check(Connection connection, ConnectionSettings settings, ServerInfo server, TriggerMode mode,
            InstallPlan plan, AuditSpec resolved, ApplySteps applied, List<StepResult> run) throws SQLException {
        // Tables Citus holds are checked on every shard placement below; the others here.
        List<TableSpec> onCoordinator = server.hasCitus()
                ? resolved.tables().stream().filter(t -> t.distribution().isLocal()).toList()
                : resolved.tables();
        List<String> problems = new java.util.ArrayList<>(AuditTrigger.problems(connection, onCoordinator));
        for (TableSpec table : onCoordinator) {
            PartitionTriggers.without(connection, table).forEach(partition -> problems.add(table.schema() + "."
                    + table.name() + ": partition " + partition + " has no enabled audit trigger"));
        }
        if (!problems.isEmpty()) {
            throw new DatabaseException("apply ran but the triggers are not in place:\n  " + String.join("\n  ", problems));
        }
        // Every placement asked once, for all tables: what the trigger steps left, and apply's check.
        List<PlacementResult> checked = server.hasCitus() && !resolved.tables().isEmpty()
                ? new PlacementTriggers().check(connection, resolved) : List.of();
        List<StepResult> steps = applied.placementsCounted(run, checked);
        ApplyReport report = new ApplyReport(server.describe(), steps, resolved.tables().size(), resolved.triggers().size(), false);
        report.summary().forEach(console::info);
        if (server.hasCitus() && !resolved.tables().isEmpty()) {
            PlacementReport placements = new PlacementReport(checked);
            if (!placements.failures().isEmpty() && mode == TriggerMode.NATIVE) {
                placements = repair(connection, settings, plan, resolved, placements);
            }
            if (!placements.failures().isEmpty()) {
                throw new DatabaseException(placements.failures().size() + " shard placement(s) have no working audit trigger:\n"
                        + String.join("\n", placements.failureTable()));
            }
            placements.summary().forEach(console::info);
        }
        new CustomTriggers(console).requireInPlace(connection, settings, server, plan, resolved);
        return report;
    }

    ApplyReport apply(AuditSpec spec, Requests.Apply request) {
        ConnectionSettings settings = request.connection();
        InstallPlan plan = new InstallPlan(new TemplateRenderer(request.templates()));
        try (Connection connection = new Database(settings).connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            console.info("Connected to " + settings.describe() + " (" + server.describe() + ")");
            if (server.hasCitus()) {
                console.info(Topology.read(connection).describe());
            }
            Session.lockTimeout(connection, request.lockTimeout());
            TriggerMode mode = mode(request.mode(), server);
            console.info("Trigger mode: " + (server.hasCitus() ? mode.name().toLowerCase() : "plain (no Citus)"));
            AuditSpec resolved = LivePartitioning.resolve(connection,
                    ExistingDistribution.resolve(connection, server, ExistingColumns.resolve(connection, spec)));
            if (mode == TriggerMode.PLACEMENT) {
                sayWhySingleShardTablesKeepTheNativeTrigger(resolved);
            }
            for (TableSpec table : resolved.tables()) {
                boolean placementMode = server.hasCitus() && mode == TriggerMode.PLACEMENT && table.distribution().isHash();
                for (SourceChanges.Change change : SourceChanges.of(connection, table, placementMode)) {
                    console.info(table.schema() + "." + table.name() + ": " + change.catchingUp());
                }
            }
            new CustomTriggers(console).check(connection, server, resolved);
            List<RenderedStatement> statements = new java.util.ArrayList<>(plan.install(resolved, mode));
            if (!request.propagateSetCommands().isEmpty() && server.hasCitus()) {
                statements.add(plan.propagateSetCommands(request.propagateSetCommands()));
            }
            InstalledState state = new InstalledState(connection, server.hasCitus());
            try (StatementRunner runner = new StatementRunner(connection, settings, console)) {
                Thread hook = new Thread(() -> interrupt(runner), "citus-audit-interrupt");
                running = runner;
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    if (request.dryRun()) {
                        return dryRun(connection, server, resolved, statements, state, runner, request, plan);
                    }
                    Session.lockApply(connection, console);
                    try {
                        ApplySteps applied = new ApplySteps(state, server.hasCitus(), resolved, runner, console, false, plan::bundled);
                        List<StepResult> steps = applied.run(statements);
                        return check(connection, settings, server, mode, plan, resolved, applied, steps);
                    } finally {
                        Session.unlockApply(connection);
                    }
                } finally {
                    running = null;
                    finished.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it waits for this apply to end, which it now has
                    }
                }
            }
        } catch (SQLException e) {
            throw DatabaseException.of("apply failed", e, settings);
        }
    }
}
