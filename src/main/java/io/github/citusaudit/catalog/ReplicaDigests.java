package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Query;

/**
 * What each replica (shard placement) of a Citus table holds, in short: how many rows, and a hash of
 * their content, asked of every placement through run_command_on_placements. The hash is the sum of a
 * hash of each row's text, so the order the rows lie in on each node does not count. A row's text
 * depends on session settings (time zone, date and interval style, float digits, bytea output), and
 * each placement answers in a session Citus opens with its node's defaults: the command pins them
 * before any row is read (an uncorrelated subquery in WHERE runs once, first).
 */
public final class ReplicaDigests {

    /**
     * One placement's answer.
     *
     * @param onCoordinator the placement is in the coordinator's group (0)
     * @param digest        {@code <n> rows, content hash <h>} ({@code 1 row, ...}), or why the placement could not answer
     */
    public record Replica(String node, int port, long shardId, boolean onCoordinator, boolean answered, String digest) {

        /** {@code node:port shard <id>}, as findings name a placement. */
        public String placement() {
            return node + ":" + port + " shard " + shardId;
        }
    }

    private static final String DIGEST = "SELECT CASE count(*) WHEN 1 THEN '1 row' ELSE count(*) || ' rows' END || ', content hash '"
            + " || coalesce(sum(pg_catalog.hashtextextended(t::text, 0)::numeric), 0) FROM %s t"
            + " WHERE (SELECT pg_catalog.set_config('TimeZone', 'UTC', true)"
            + " || pg_catalog.set_config('DateStyle', 'ISO, YMD', true)"
            + " || pg_catalog.set_config('IntervalStyle', 'postgres', true)"
            + " || pg_catalog.set_config('extra_float_digits', '1', true)"
            + " || pg_catalog.set_config('bytea_output', 'hex', true)) IS NOT NULL";

    private static final String IS_CITUS_TABLE =
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?))";

    private static final String ASK = """
            SELECT r.nodename, r.nodeport, r.shardid, coalesce(n.groupid = 0, false), r.success, r.result
              FROM run_command_on_placements(pg_catalog.to_regclass(?), ?) r
              LEFT JOIN pg_catalog.pg_dist_node n
                ON n.nodename = r.nodename AND n.nodeport = r.nodeport AND n.noderole = 'primary'
             ORDER BY r.shardid, r.nodename, r.nodeport""";

    private ReplicaDigests() {
    }

    /**
     * @param table the table's name, quoted as SQL reads it
     * @return every placement's answer, in shard and node order; none when Citus does not hold the table
     */
    public static List<Replica> of(Connection connection, String table) throws SQLException {
        Query query = new Query(connection);
        if (!"t".equals(query.value(IS_CITUS_TABLE, table))) {
            return List.of();
        }
        return query.rows(ASK, table, DIGEST).stream()
                .map(row -> new Replica(row.get(0), Integer.parseInt(row.get(1)), Long.parseLong(row.get(2)), "t".equals(row.get(3)),
                        "t".equals(row.get(4)), row.get(5)))
                .toList();
    }
}
