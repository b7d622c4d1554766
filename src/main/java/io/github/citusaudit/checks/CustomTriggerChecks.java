package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.citusaudit.catalog.AuditFunction;
import io.github.citusaudit.catalog.AuditTrigger;
import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.catalog.TriggerTables;
import io.github.citusaudit.catalog.WorkerFunctions;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * verify's checks of the custom triggers, the audit's checks asked of each trigger: the function on
 * the coordinator and every worker is what apply would make now (md5), the trigger is on the table
 * and on every shard placement, and every shard has its static branch (when the body is routed so).
 * The workers are asked once for all triggers.
 */
public final class CustomTriggerChecks {

    private static final String DISTRIBUTED = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition"
            + " WHERE logicalrelid = pg_catalog.to_regclass(?))";

    private final Connection connection;
    private final ServerInfo server;
    private final InstallPlan plan;
    private final Map<String, List<WorkerFunctions.Answer>> functions;
    private final Map<String, List<PlacementResult>> placements;

    public CustomTriggerChecks(Connection connection, ServerInfo server, InstallPlan plan, List<TriggerSpec> triggers)
            throws SQLException {
        this.connection = connection;
        this.server = server;
        this.plan = plan;
        List<InstalledTrigger> installed = triggers.stream().map(TriggerSpec::installedTrigger).toList();
        this.functions = server.hasCitus() ? WorkerFunctions.ofTriggers(connection, installed).stream()
                .collect(Collectors.groupingBy(WorkerFunctions.Answer::table)) : Map.of();
        this.placements = server.hasCitus() ? new PlacementTriggers().checkTriggers(connection, installed).stream()
                .collect(Collectors.groupingBy(PlacementResult::table)) : Map.of();
    }

    /** A table or target that is gone, or a target not colocated, ends the trigger's checks with that finding. */
    public List<CheckResult> check(TriggerSpec trigger) throws SQLException {
        String subject = trigger.tableName() + " trigger " + trigger.name();
        InstalledTrigger installed = trigger.installedTrigger();
        List<CheckResult> results = new ArrayList<>();
        long start = System.nanoTime();
        // The function is built from the targets' shards: a target missing or not colocated is named, and nothing else is asked.
        List<Finding> tables = TriggerTables.problems(connection, server, List.of(trigger)).stream()
                .map(p -> new Finding("", p.message() + " (" + p.location() + ")")).toList();
        results.add(result(subject, "tables", tables, start));
        if (!tables.isEmpty()) {
            return results;
        }
        start = System.nanoTime();
        List<Finding> function = new ArrayList<>();
        String expected = TriggerFunctionCheck.expectedMd5(plan.expectedFunctionDefinition(trigger).sql(), connection);
        TriggerFunctionCheck.compareEverywhere(function, server.hasCitus(), installed, AuditFunction.read(connection, installed),
                expected, functions.getOrDefault(trigger.tableName(), List.of()));
        results.add(result(subject, "trigger function", function, start));

        start = System.nanoTime();
        List<Finding> triggers = new ArrayList<>();
        AuditTrigger.problem(connection, installed).ifPresent(p -> triggers.add(new Finding(server.hasCitus() ? "coordinator" : "", p)));
        for (PlacementResult placement : placements.getOrDefault(trigger.tableName(), List.of())) {
            if (!placement.success()) {
                triggers.add(new Finding(placement.address() + " shard " + placement.shardId(), placement.result()));
            }
        }
        results.add(result(subject, "triggers", triggers, start));

        boolean distributed = server.hasCitus()
                && "t".equals(new Query(connection).value(DISTRIBUTED, new SqlQuote().table(trigger.schema(), trigger.table())));
        if (distributed && trigger.routedStatically()) {
            start = System.nanoTime();
            results.add(result(subject, "shard coverage", ShardCoverageCheck.findings(connection, installed, false), start));
        }
        return results;
    }

    private static CheckResult result(String subject, String check, List<Finding> findings, long start) {
        return new CheckResult(subject, check, findings, (System.nanoTime() - start) / 1_000_000);
    }
}
