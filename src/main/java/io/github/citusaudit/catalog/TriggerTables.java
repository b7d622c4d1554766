package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.SpecProblem;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * What only the database can tell about a custom trigger's tables, each problem located at the line
 * of the spec that named the table: the table and every target exist (the plugin does not create
 * them), and on Citus each target is distributed in the table's colocation group (its shards beside
 * the table's, same hash ranges on the same nodes) by the distribution column the spec declares, for
 * which the body was shown to keep the row's value.
 */
public final class TriggerTables {

    /** exists, Citus' distribution method, distribution column, colocation group. */
    private static final String CITUS_TABLE = """
            SELECT pg_catalog.to_regclass(?) IS NOT NULL, p.partmethod::text,
                   CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END, p.colocationid::text
              FROM (SELECT 1) one
              LEFT JOIN pg_catalog.pg_dist_partition p ON p.logicalrelid = pg_catalog.to_regclass(?)""";
    private static final String PLAIN_TABLE = "SELECT pg_catalog.to_regclass(?) IS NOT NULL, NULL, NULL, NULL";

    private TriggerTables() {
    }

    /** Empty when every trigger's tables are as its spec needs them. */
    public static List<SpecProblem> problems(Connection connection, ServerInfo server, List<TriggerSpec> triggers)
            throws SQLException {
        List<SpecProblem> problems = new ArrayList<>();
        for (TriggerSpec trigger : triggers) {
            String what = "trigger '" + trigger.name() + "'";
            Table source = Table.read(connection, server, trigger.schema(), trigger.table());
            if (!source.exists()) {
                problems.add(new SpecProblem(trigger.tableLocation(), "table " + trigger.tableName() + " of " + what
                        + " does not exist: the plugin creates no tables for custom triggers; create it before apply"));
                continue;
            }
            if (source.hash() && !source.column().equals(trigger.distributionColumn())) {
                problems.add(new SpecProblem(trigger.tableLocation(), "table " + trigger.tableName() + " of " + what
                        + " is distributed by '" + source.column() + "', not by distributionColumn '"
                        + trigger.distributionColumn() + "'"));
            }
            for (TriggerSpec.TargetSpec target : trigger.targets()) {
                String named = "target " + target.tableName() + " ({{" + target.placeholder() + "}}) of " + what;
                Table live = Table.read(connection, server, target.schema(), target.table());
                if (!live.exists()) {
                    problems.add(new SpecProblem(target.location(), "unknown " + named + ": no such table"));
                } else if (server.hasCitus() && !source.colocatedWith(live)) {
                    problems.add(new SpecProblem(target.location(), named + " is not colocated with " + trigger.tableName()
                            + " (" + live.describe() + ", the table " + source.describe() + "): its rows would not be beside"
                            + " the trigger's row. Distribute it with colocate_with => '" + trigger.tableName()
                            + "' (or write it from the body by name, through Citus, not as a target)"));
                } else if (live.hash() && !live.column().equals(target.distributionColumn())) {
                    problems.add(new SpecProblem(target.location(), named + " is distributed by '" + live.column()
                            + "', not by '" + target.distributionColumn() + "' (set its distributionColumn)"));
                }
            }
        }
        return problems;
    }

    private record Table(boolean exists, String method, String column, String colocation) {

        static Table read(Connection connection, ServerInfo server, String schema, String name) throws SQLException {
            String table = new SqlQuote().table(schema, name);
            List<String> row = server.hasCitus() ? new Query(connection).rows(CITUS_TABLE, table, table).get(0)
                    : new Query(connection).rows(PLAIN_TABLE, table).get(0);
            return new Table("t".equals(row.get(0)), row.get(1), row.get(2), row.get(3));
        }

        boolean hash() {
            return "h".equals(method);
        }

        /** Both in Citus' metadata in one colocation group, or both outside it (local tables: no shards). */
        boolean colocatedWith(Table other) {
            return java.util.Objects.equals(colocation, other.colocation) && (colocation == null || !"0".equals(colocation));
        }

        String describe() {
            if (method == null) {
                return "a local table";
            }
            return (hash() ? "distributed by " + column : "Citus method " + method) + " in colocation group " + colocation;
        }
    }
}
