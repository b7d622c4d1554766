package io.github.citusaudit.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * What asking the shard placements costs, which is where apply's trigger step and verify's trigger
 * check spend their time: one {@code run_command_on_placements} per table (what the plugin does: a
 * command per placement) against one {@code run_command_on_workers} per table that asks each node
 * once about all of that table's shards. Both count audit triggers on the table's shards; only the
 * number of round trips differs.
 */
final class PlacementQueryCost {

    /** Seconds over all tables of the spec, each way. */
    record Result(int tables, long perPlacementNanos, long perNodeNanos) {
    }

    private PlacementQueryCost() {
    }

    static Result measure(BenchDatabase db, AuditSpec spec) throws SQLException {
        long perPlacement = 0;
        long perNode = 0;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (TableSpec table : spec.tables()) {
                String source = Sql.table(table.schema(), table.name());
                String trigger = Sql.lit(table.history().triggerName() + "%");
                long start = System.nanoTime();
                statement.execute("SELECT count(*) FROM run_command_on_placements(" + Sql.lit(source) + "::regclass, "
                        + Sql.lit("SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = %1$L::regclass AND tgname LIKE "
                                + trigger.replace("%", "%%"))
                        + ") WHERE success");
                perPlacement += System.nanoTime() - start;
                // The same question, once per node: the shards of the table that node holds, by name.
                start = System.nanoTime();
                statement.execute("SELECT count(*) FROM run_command_on_workers(format("
                        + Sql.lit("SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %L AND c.relname"
                                + " = ANY (%L) AND t.tgname LIKE " + trigger.replace("%", "%%"))
                        + ", " + Sql.lit(table.schema()) + ", (SELECT array_agg((parse_ident(shard_name(logicalrelid, shardid)))[2])"
                        + " FROM pg_catalog.pg_dist_shard WHERE logicalrelid = " + Sql.lit(source) + "::regclass)::text)) WHERE success");
                perNode += System.nanoTime() - start;
            }
        }
        System.out.printf("    asking placements for %d tables: run_command_on_placements %s s, run_command_on_workers %s s%n",
                spec.tables().size(), Stats.seconds(perPlacement), Stats.seconds(perNode));
        return new Result(spec.tables().size(), perPlacement, perNode);
    }
}
