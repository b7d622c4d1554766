package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.HistorySpec;

/**
 * How far the partitions of a history partitioned by time reach: a change at a time no partition
 * covers cannot be recorded, and so fails. Bounds are read as pg_get_expr prints them
 * ({@code FOR VALUES FROM ('...') TO ('...')}); a default partition covers every time.
 *
 * @param coversNow  a partition takes a change made now
 * @param coversNext a partition takes a change made one interval from now
 * @param end        where the last partition ends, as the server prints it; null without one
 */
public record HistoryPartitions(boolean coversNow, boolean coversNext, String end) {

    private static final String REACH = """
            WITH bounds AS (
                SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,
                       b[1]::timestamptz AS lower, b[2]::timestamptz AS upper
                  FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(?)) t
                  JOIN pg_catalog.pg_class c ON c.oid = t.relid
                  LEFT JOIN LATERAL regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid),
                                                 'FROM [(]''([^'']*)''[)] TO [(]''([^'']*)''[)]') b ON true
                 WHERE t.isleaf AND t.level > 0)
            SELECT EXISTS (SELECT 1 FROM bounds WHERE is_default OR (lower <= now() AND upper > now())),
                   EXISTS (SELECT 1 FROM bounds WHERE is_default
                                OR (lower <= now() + ?::interval AND upper > now() + ?::interval)),
                   (SELECT max(upper)::text FROM bounds)""";

    /** The reach of the history's partitions; nothing covered when it has none (or does not exist). */
    public static HistoryPartitions of(Connection connection, HistorySpec history) throws SQLException {
        String interval = history.partitionBy().interval().sql();
        List<String> row = new Query(connection).rows(REACH, new SqlQuote().table(history.schema(), history.table()),
                interval, interval).get(0);
        return new HistoryPartitions("t".equals(row.get(0)), "t".equals(row.get(1)), row.get(2));
    }
}
