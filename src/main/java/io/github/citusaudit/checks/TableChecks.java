package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.catalog.LivePartitioning;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * Runs verify's checks on one table at a time, in report order, those that apply to how apply
 * installs the table on this server. Every per-shard question goes through the coordinator, so only
 * the coordinator needs to be reachable; the workers are asked once for all tables.
 */
public final class TableChecks {

    private final Connection connection;
    private final ServerInfo server;
    private final TriggerMode mode;
    private final WorkerAnswers workers;
    private final Check distribution = new DistributionCheck();
    private final Check sourceColumns = new SourceColumnsCheck();
    private final Check historyTable = new HistoryTableCheck();
    private final Check triggerFunction;
    private final Check shardFunctions = new ShardFunctionsCheck();
    private final Check triggers = new TriggersCheck();
    private final Check shardCoverage = new ShardCoverageCheck();
    private final Check replicas = new ReplicasCheck();
    private final Check partitioning = new PartitioningCheck();

    /** @param tables all tables that will be checked, so that the workers are asked about them together */
    public TableChecks(Connection connection, ServerInfo server, TriggerMode mode, InstallPlan plan, List<TableSpec> tables) {
        this.connection = connection;
        this.server = server;
        this.mode = mode;
        this.workers = new WorkerAnswers(connection, tables);
        this.triggerFunction = new TriggerFunctionCheck(plan);
    }

    /** A missing table, or columns the spec cannot be resolved against, ends the table's checks early. */
    public List<CheckResult> check(TableSpec declared) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        LiveTable live = LiveTable.of(connection, workers, declared, server, mode);
        if (!live.columns().tableExists()) {
            results.add(run(distribution, declared, live));
            return results;
        }
        CheckResult source = run(sourceColumns, declared, live);
        results.add(source);
        if (!source.passed()) {
            return results;
        }
        TableSpec resolvedColumns = ExistingColumns.resolve(declared, live.columns());
        TableSpec table = resolvedColumns.withDistribution(LiveTable.audited(declared.distribution(), live.distribution()));
        if (live.citus()) {
            results.add(run(distribution, table, live));
        }
        LivePartitioning partitions = LivePartitioning.of(connection, table.schema(), table.name());
        if (PartitioningCheck.applies(table, partitions)) {
            results.add(run(partitioning, table, live));
        }
        // A table found partitioned is checked as apply installs it: its rows land in its partitions.
        table = LivePartitioning.asFound(table, partitions);
        results.add(run(historyTable, table, live));
        results.add(run(live.placementMode() ? shardFunctions : triggerFunction, table, live));
        results.add(run(triggers, table, live));
        if (live.distributed() && !live.placementMode() && !table.distribution().isReference()) {
            results.add(run(shardCoverage, table, live));
        }
        if (live.distributed() && table.distribution().isReference()) {
            results.add(run(replicas, table, live));
        }
        return results;
    }

    private static CheckResult run(Check check, TableSpec table, LiveTable live) throws SQLException {
        long start = System.nanoTime();
        List<Finding> findings = check.findings(table, live);
        return new CheckResult(table.schema() + "." + table.name(), check.name(), findings, (System.nanoTime() - start) / 1_000_000);
    }
}
