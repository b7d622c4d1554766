package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * Placement mode's trigger function check: every current shard has its own function
 * ({@code <function>_<shardid>}); a shard new after a split has none until apply runs.
 */
final class ShardFunctionsCheck implements Check {

    private static final String SHARDS_WITHOUT_FUNCTION = """
            SELECT s.shardid FROM pg_catalog.pg_dist_shard s
             WHERE s.logicalrelid = pg_catalog.to_regclass(?)
               AND to_regprocedure(quote_ident(?) || '.' || quote_ident(? || '_' || s.shardid) || '()') IS NULL
             ORDER BY s.shardid""";

    @Override
    public String name() {
        return "trigger function";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String function = table.history().functionName();
        String source = new SqlQuote().table(table.schema(), table.name());
        return live.query().rows(SHARDS_WITHOUT_FUNCTION, source, table.history().schema(), function).stream()
                .map(row -> new Finding("shard " + row.get(0), "no trigger function " + function + "_" + row.get(0)
                        + " for this shard (after a split?): run apply"))
                .toList();
    }
}
