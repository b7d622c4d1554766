package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.catalog.ColumnTypes;
import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.db.NodeAnswer;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * The read-only checks of {@code verify}, one table at a time. Each returns its findings; every
 * per-shard question goes through the coordinator, so only the coordinator needs to be reachable.
 */
public final class AuditChecks {

    public static final String DISTRIBUTION = "distribution";
    public static final String SOURCE_COLUMNS = "source columns";
    public static final String HISTORY_TABLE = "history table";
    public static final String TRIGGER_FUNCTION = "trigger function";
    public static final String TRIGGERS = "triggers";
    public static final String SHARD_COVERAGE = "shard coverage";

    private static final Pattern BRANCH = Pattern.compile("\\n\\s*WHEN '((?:[^']|'')*)' THEN");

    private final Connection connection;
    private final ServerInfo server;
    private final TriggerMode mode;
    private final InstallPlan plan;
    private final List<TableSpec> tables;
    private final SqlQuote q = new SqlQuote();
    /** Asked of the workers once for all tables, on first need: a remote round trip per table adds up. */
    private Map<String, List<PlacementResult>> placementsByTable;
    private Map<String, List<List<String>>> functionsByTable;

    /** @param tables all tables that will be checked, so that the workers are asked about them together */
    public AuditChecks(Connection connection, ServerInfo server, TriggerMode mode, InstallPlan plan, List<TableSpec> tables) {
        this.connection = connection;
        this.server = server;
        this.mode = mode;
        this.plan = plan;
        this.tables = List.copyOf(tables);
    }

    public List<CheckResult> check(TableSpec declared) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        String name = declared.schema() + "." + declared.name();
        long start = System.nanoTime();
        if (columns(declared.schema(), declared.name()).isEmpty()) {
            results.add(result(name, DISTRIBUTION, List.of(new Finding("", "table " + name + " does not exist: run apply")), start));
            return results;
        }
        TableSpec table;
        try {
            table = ExistingColumns.resolve(connection, declared);
            results.add(result(name, SOURCE_COLUMNS, List.of(), start));
        } catch (DriftException e) {
            results.add(result(name, SOURCE_COLUMNS, List.of(new Finding("", e.getMessage())), start));
            return results;
        }
        boolean citus = server.hasCitus();
        boolean distributed = citus && !table.distribution().isLocal();
        if (citus) {
            start = System.nanoTime();
            results.add(result(name, DISTRIBUTION, distribution(table), start));
        }
        start = System.nanoTime();
        results.add(result(name, HISTORY_TABLE, history(table, citus), start));
        boolean placementMode = distributed && mode == TriggerMode.PLACEMENT && table.distribution().isHash();
        start = System.nanoTime();
        results.add(result(name, TRIGGER_FUNCTION, placementMode ? shardFunctions(table) : function(table, citus), start));
        start = System.nanoTime();
        results.add(result(name, TRIGGERS, triggers(table, distributed, placementMode), start));
        if (distributed && !placementMode) {
            start = System.nanoTime();
            results.add(result(name, SHARD_COVERAGE, coverage(table), start));
        }
        return results;
    }

    private List<Finding> distribution(TableSpec table) throws SQLException {
        List<List<String>> rows = rows("SELECT partmethod::text, column_to_column_name(logicalrelid, partkey)"
                + " FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?)", qualified(table));
        String expected = switch (table.distribution().kind()) {
            case HASH -> "hash-distributed by " + table.distribution().column();
            case REFERENCE -> "a reference table";
            case LOCAL -> "a local table";
        };
        String actual = rows.isEmpty() ? "a local table"
                : "h".equals(rows.get(0).get(0)) ? "hash-distributed by " + rows.get(0).get(1)
                : "n".equals(rows.get(0).get(0)) && rows.get(0).get(1) == null ? "a reference table"
                : "distributed with method " + rows.get(0).get(0);
        return expected.equals(actual) ? List.of()
                : List.of(new Finding("", "the spec says " + expected + " but the table is " + actual));
    }

    private List<Finding> history(TableSpec table, boolean citus) throws SQLException {
        String history = q.table(table.history().schema(), table.history().table());
        Map<String, String> historyColumns = columns(table.history().schema(), table.history().table());
        if (historyColumns.isEmpty()) {
            return List.of(new Finding("", "history table " + history + " does not exist: run apply"));
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, String> source = columns(table.schema(), table.name());
        for (ColumnSpec column : table.auditedColumns()) {
            String type = historyColumns.get(column.name());
            if (type == null) {
                findings.add(new Finding("", "source column '" + column.name() + "' is not in history table " + history
                        + ": its changes are not recorded (apply adds it)"));
            } else if (!type.equals(source.get(column.name()))) {
                findings.add(new Finding("", "column '" + column.name() + "' is " + source.get(column.name())
                        + " in the source but " + type + " in the history table"));
            }
        }
        for (AuditColumn audit : table.history().auditColumns().present()) {
            if (!historyColumns.containsKey(audit.name())) {
                findings.add(new Finding("", "audit column '" + audit.name() + "' is missing from history table " + history));
            }
        }
        if (citus && !table.distribution().isLocal()) {
            List<List<String>> colocation = rows("SELECT (SELECT colocationid FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?))"
                    + " IS NOT DISTINCT FROM (SELECT colocationid FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?))",
                    qualified(table), history);
            if (!"t".equals(colocation.get(0).get(0))) {
                findings.add(new Finding("", "history table " + history + " is not colocated with " + qualified(table)
                        + ": its rows cannot sit beside the rows they record"));
            }
        }
        return findings;
    }

    /** The function on the coordinator and on every worker has the text apply would give it now. */
    private List<Finding> function(TableSpec table, boolean citus) throws SQLException {
        String function = q.table(table.history().schema(), table.history().functionName()) + "()";
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(plan.expectedFunctionDefinition(table).sql());
        }
        String expected = rows("SELECT md5(current_setting('citus_audit.expected_definition'))").get(0).get(0);
        List<Finding> findings = new ArrayList<>();
        String onCoordinator = rows("SELECT md5(prosrc) FROM pg_catalog.pg_proc WHERE oid = to_regprocedure(?)", function)
                .stream().map(r -> r.get(0)).findFirst().orElse(null);
        compare(findings, citus ? "coordinator" : "", function, onCoordinator, expected);
        if (citus) {
            for (List<String> row : workerFunctions(table)) {
                if (!"t".equals(row.get(1))) {
                    findings.add(new Finding(row.get(0), "cannot read the function: " + row.get(2)));
                } else {
                    compare(findings, row.get(0), function, row.get(2).isEmpty() ? null : row.get(2), expected);
                }
            }
        }
        return findings;
    }

    private List<PlacementResult> placements(TableSpec table) throws SQLException {
        if (placementsByTable == null) {
            placementsByTable = new HashMap<>();
            List<TableSpec> distributed = tables.stream().filter(t -> !t.distribution().isLocal()).toList();
            for (PlacementResult placement : new PlacementTriggers().check(connection, distributed)) {
                placementsByTable.computeIfAbsent(placement.table(), k -> new ArrayList<>()).add(placement);
            }
        }
        return placementsByTable.getOrDefault(table.schema() + "." + table.name(), List.of());
    }

    /**
     * Each worker's md5 of the table's trigger function, as rows (node, success, md5 or error; md5 empty
     * when the function is missing). One run_command_on_workers for all tables; the answer lists
     * {@code index=md5} by the table's position, so that no name has to be parsed back.
     */
    private List<List<String>> workerFunctions(TableSpec table) throws SQLException {
        if (functionsByTable == null) {
            functionsByTable = new HashMap<>();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < tables.size(); i++) {
                TableSpec each = tables.get(i);
                values.append(i == 0 ? "" : ", ").append('(').append(i).append(", ")
                        .append(q.lit(q.table(each.history().schema(), each.history().functionName()) + "()")).append(')');
            }
            String command = "SELECT " + NodeAnswer.aggregate("v.i", "coalesce((SELECT md5(prosrc) FROM pg_catalog.pg_proc"
                    + " WHERE oid = to_regprocedure(v.f)), '')") + " FROM (VALUES " + values + ") AS v(i, f)";
            for (List<String> row : rows("SELECT nodename || ':' || nodeport, success, result FROM run_command_on_workers(?)", command)) {
                boolean answered = "t".equals(row.get(1));
                Map<Long, String> md5s = answered ? NodeAnswer.read(row.get(2)) : Map.of();
                for (int i = 0; i < tables.size(); i++) {
                    List<String> answer = answered ? List.of(row.get(0), "t", md5s.getOrDefault((long) i, ""))
                            : java.util.Arrays.asList(row.get(0), "f", row.get(2));
                    functionsByTable.computeIfAbsent(key(tables.get(i)), k -> new ArrayList<>()).add(answer);
                }
            }
        }
        return functionsByTable.getOrDefault(key(table), List.of());
    }

    private static String key(TableSpec table) {
        return table.schema() + "." + table.name();
    }

    private static void compare(List<Finding> findings, String where, String function, String actual, String expected) {
        if (actual == null) {
            findings.add(new Finding(where, "trigger function " + function + " is missing"));
        } else if (!actual.equals(expected)) {
            findings.add(new Finding(where, "trigger function " + function + " differs from what apply would create (md5 "
                    + actual + ", expected " + expected + ")"));
        }
    }

    /** Placement mode: every current shard has its own function. */
    private List<Finding> shardFunctions(TableSpec table) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (List<String> row : rows("SELECT s.shardid FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = pg_catalog.to_regclass(?)"
                + " AND to_regprocedure(quote_ident(?) || '.' || quote_ident(? || '_' || s.shardid) || '()') IS NULL ORDER BY s.shardid",
                qualified(table), table.history().schema(), table.history().functionName())) {
            findings.add(new Finding("shard " + row.get(0), "no trigger function " + table.history().functionName() + "_" + row.get(0)
                    + " for this shard (after a split?): run apply"));
        }
        return findings;
    }

    private List<Finding> triggers(TableSpec table, boolean distributed, boolean placementMode) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (!placementMode) {
            List<List<String>> rows = rows("SELECT t.tgenabled::text FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass(?)"
                    + " AND t.tgname = ? AND t.tgfoid = to_regprocedure(?)", qualified(table), table.history().triggerName(),
                    q.table(table.history().schema(), table.history().functionName()) + "()");
            String where = distributed ? "coordinator" : "";
            if (rows.isEmpty()) {
                findings.add(new Finding(where, "trigger " + table.history().triggerName() + " is missing"));
            } else if (!"O".equals(rows.get(0).get(0))) {
                findings.add(new Finding(where, "trigger " + table.history().triggerName() + " is disabled (tgenabled="
                        + rows.get(0).get(0) + ")"));
            }
        }
        if (distributed) {
            for (PlacementResult placement : placements(table)) {
                if (!placement.success()) {
                    findings.add(new Finding(placement.address() + " shard " + placement.shardId(), placement.result()));
                }
            }
        }
        return findings;
    }

    /** Native mode: shards without a static branch (new after a split) take the slower distributed INSERT. */
    private List<Finding> coverage(TableSpec table) throws SQLException {
        String function = q.table(table.history().schema(), table.history().functionName()) + "()";
        List<List<String>> source = rows("SELECT prosrc FROM pg_catalog.pg_proc WHERE oid = to_regprocedure(?)", function);
        Set<String> branches = new LinkedHashSet<>();
        if (!source.isEmpty()) {
            Matcher matcher = BRANCH.matcher(source.get(0).get(0));
            while (matcher.find()) {
                branches.add(matcher.group(1).replace("''", "'"));
            }
        }
        List<String> uncovered = new ArrayList<>();
        List<List<String>> shards = rows("SELECT s.shardid::text, p[array_upper(p, 1)] FROM pg_catalog.pg_dist_shard s,"
                + " parse_ident(shard_name(s.logicalrelid, s.shardid)) p WHERE s.logicalrelid = pg_catalog.to_regclass(?) ORDER BY s.shardid",
                qualified(table));
        for (List<String> shard : shards) {
            if (!branches.contains(shard.get(1))) {
                uncovered.add(shard.get(0));
            }
        }
        return uncovered.isEmpty() ? List.of()
                : List.of(new Finding("shards " + String.join(", ", uncovered), uncovered.size() + " of " + shards.size()
                        + " shards have no branch in the trigger function and run on the slow path (distributed INSERT): run apply"));
    }

    private String qualified(TableSpec table) {
        return q.table(table.schema(), table.name());
    }

    private Map<String, String> columns(String schema, String name) throws SQLException {
        return ColumnTypes.of(connection, q.table(schema, name));
    }

    private List<List<String>> rows(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static CheckResult result(String table, String check, List<Finding> findings, long startNanos) {
        return new CheckResult(table, check, findings, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
