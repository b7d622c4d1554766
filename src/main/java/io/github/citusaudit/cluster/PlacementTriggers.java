package io.github.citusaudit.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Asks every shard placement of every audited Citus table, through the coordinator, whether it has
 * an enabled trigger calling the audit function. Citus reports failures as rows, not errors, so
 * every row is read.
 */
public final class PlacementTriggers {

    private static final String ON_PLACEMENTS = """
            SELECT nodename, nodeport, shardid, success, result
              FROM run_command_on_placements(pg_catalog.to_regclass(?), ?)
             ORDER BY shardid, nodename, nodeport""";

    private final SqlQuote q = new SqlQuote();

    public List<PlacementResult> check(Connection connection, AuditSpec spec) throws SQLException {
        List<PlacementResult> results = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ON_PLACEMENTS)) {
            for (TableSpec table : spec.tables()) {
                if (table.distribution().isLocal()) {
                    continue;
                }
                String function = q.table(table.history().schema(), table.history().functionName()) + "()";
                // run_command_on_placements puts the shard name where %s stands, through format().
                String command = "SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = '%s'::regclass"
                        + " AND tgfoid = " + q.fmt(q.lit(function)) + "::regprocedure AND tgenabled = 'O'";
                statement.setString(1, q.table(table.schema(), table.name()));
                statement.setString(2, command);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        boolean success = rs.getBoolean(4);
                        String result = rs.getString(5);
                        boolean hasTrigger = success && "1".equals(result);
                        results.add(new PlacementResult(table.schema() + "." + table.name(), rs.getString(1), rs.getInt(2),
                                rs.getLong(3), hasTrigger, success ? (hasTrigger ? "trigger in place" : "no enabled audit trigger")
                                        : result));
                    }
                }
            }
        }
        return results;
    }
}
