package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.TableSpec;

/**
 * The partitions of a partitioned table, at any level, that have no enabled audit trigger. PostgreSQL
 * clones the table's trigger onto each partition, those created or attached later too, so only a
 * clone disabled on one partition is found; apply then re-creates the trigger, and every clone.
 * Asked of the server we are connected to (the coordinator's partitions, on Citus; their shards are
 * asked by {@link PlacementTriggers}).
 */
public final class PartitionTriggers {

    private static final String WITHOUT = """
            SELECT p.relid::regclass::text
              FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(?)) p
             WHERE p.level > 0
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                                WHERE t.tgrelid = p.relid AND t.tgname = ? AND t.tgfoid = pg_catalog.to_regprocedure(?)
                                  AND t.tgenabled = 'O')
             ORDER BY 1""";

    private PartitionTriggers() {
    }

    /** The partitions without an enabled audit trigger, by name; none for a table that is not partitioned. */
    public static List<String> without(Connection connection, TableSpec table) throws SQLException {
        return new Query(connection).rows(WITHOUT, new SqlQuote().table(table.schema(), table.name()),
                table.history().triggerName(), AuditFunction.signature(table)).stream().map(row -> row.get(0)).toList();
    }
}
