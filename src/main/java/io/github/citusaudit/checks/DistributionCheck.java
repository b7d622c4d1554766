package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * The table is distributed as the spec says (Citus only). A missing table is reported here, on any
 * server: what the table is, is the first thing verify asks of it.
 */
final class DistributionCheck implements Check {

    private static final String PARTITION = """
            SELECT partmethod::text, column_to_column_name(logicalrelid, partkey)
              FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?)""";

    @Override
    public String name() {
        return "distribution";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String name = table.schema() + "." + table.name();
        if (!live.columns().tableExists()) {
            return List.of(new Finding("", "table " + name + " does not exist: run apply"));
        }
        String expected = switch (table.distribution().kind()) {
            case HASH -> "hash-distributed by " + table.distribution().column();
            case REFERENCE -> "a reference table";
            case LOCAL -> "a local table";
        };
        String actual = actual(live.query().rows(PARTITION, new SqlQuote().table(table.schema(), table.name())));
        return expected.equals(actual) ? List.of()
                : List.of(new Finding("", "the spec says " + expected + " but the table is " + actual));
    }

    /** @param partition the table's row of pg_dist_partition (method, column), none when Citus does not hold it */
    private static String actual(List<List<String>> partition) {
        if (partition.isEmpty()) {
            return "a local table";
        }
        String method = partition.get(0).get(0);
        String column = partition.get(0).get(1);
        return "h".equals(method) ? "hash-distributed by " + column
                : "n".equals(method) && column == null ? "a reference table"
                : "distributed with method " + method;
    }
}
