package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.Distribution;
import io.github.citusaudit.spec.DistributionKind;

/**
 * How Citus holds a table now, from {@code pg_dist_partition} (and {@code pg_dist_schema}, Citus 12
 * and later): as the spec would declare it, and as verify's messages describe it. Reference and
 * single-shard tables look alike by their method ({@code n}, no distribution column); the replication
 * model tells them apart ({@code t} for a reference table's copy on every node, {@code s} for a
 * single shard), and a Citus local table (in the metadata, not distributed) is {@code s} without a
 * colocation group.
 *
 * @param distribution what the spec would say of the table, or null for what the plugin does not audit
 *                     (a Citus local table, an append- or range-distributed one)
 * @param description  what the table is, in words
 */
public record LiveDistribution(Distribution distribution, String description) {

    private static final String PARTITION = """
            SELECT p.partmethod::text, column_to_column_name(p.logicalrelid, p.partkey), p.repmodel::text,
                   p.colocationid::text, %s
              FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid = pg_catalog.to_regclass(?)""";
    private static final String IN_DISTRIBUTED_SCHEMA = """
            EXISTS (SELECT 1 FROM pg_catalog.pg_dist_schema s JOIN pg_catalog.pg_class c ON c.relnamespace = s.schemaid
                     WHERE c.oid = p.logicalrelid)""";

    /** A table Citus does not hold (or no table: there is nothing to distribute). */
    public static final LiveDistribution LOCAL = new LiveDistribution(Distribution.LOCAL, "a local table");

    public static LiveDistribution read(Connection connection, ServerInfo server, String schema, String table)
            throws SQLException {
        if (!server.hasCitus()) {
            return LOCAL;
        }
        // Before Citus 12 there is no pg_dist_schema, and no table is in a distributed schema.
        String sql = PARTITION.formatted(server.hasSingleShardTables() ? IN_DISTRIBUTED_SCHEMA : "false");
        List<List<String>> rows = new Query(connection).rows(sql, new SqlQuote().table(schema, table));
        return rows.isEmpty() ? LOCAL : of(rows.get(0), schema);
    }

    /** @param row method, distribution column, replication model, colocation group, in a distributed schema */
    private static LiveDistribution of(List<String> row, String schema) {
        String method = row.get(0);
        String column = row.get(1);
        if ("h".equals(method)) {
            return new LiveDistribution(new Distribution(DistributionKind.HASH, column, null, null),
                    "hash-distributed by " + column);
        }
        if (!"n".equals(method)) {
            return new LiveDistribution(null, "distributed with method " + method);
        }
        if ("t".equals(row.get(2))) {
            return new LiveDistribution(Distribution.REFERENCE, "a reference table");
        }
        if ("0".equals(row.get(3))) {
            return new LiveDistribution(null, "a Citus local table (in Citus' metadata, not distributed)");
        }
        if ("t".equals(row.get(4))) {
            return new LiveDistribution(Distribution.DISTRIBUTED_SCHEMA, "a single-shard table of distributed schema "
                    + schema);
        }
        return new LiveDistribution(Distribution.singleShard("default"), "a single-shard table");
    }

    /**
     * Whether the table is as {@code declared} says. A table declared single-shard may be in a
     * distributed schema: it has the one shard it was declared with (Citus made it so on CREATE TABLE).
     */
    public boolean is(Distribution declared) {
        if (distribution == null) {
            return false;
        }
        if (declared.kind() == DistributionKind.SINGLE_SHARD) {
            return distribution.isSingleShard();
        }
        return declared.kind() == distribution.kind()
                && (!declared.isHash() || declared.column().equals(distribution.column()));
    }
}
