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
        for (TableSpec table : spec.tables()) {
            if (!table.distribution().isLocal()) {
                results.addAll(check(connection, table));
            }
        }
        return results;
    }

    /** The placements of one table Citus holds. */
    public List<PlacementResult> check(Connection connection, TableSpec table) throws SQLException {
        List<PlacementResult> results = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ON_PLACEMENTS)) {
            {
                // Counts enabled triggers calling the audit function (native mode) or the shard's own
                // <function>_<shardid> (placement mode): exactly one is right, two write history twice.
                // run_command_on_placements puts the shard name where %s stands, through format().
                String functionName = q.fmt(q.lit(table.history().functionName()));
                String command = "SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid"
                        + " WHERE t.tgrelid = %1$L::regclass AND t.tgenabled = 'O'"
                        + " AND p.pronamespace = to_regnamespace(" + q.fmt(q.lit(q.id(table.history().schema()))) + ")"
                        + " AND p.proname IN (" + functionName + ", " + functionName
                        + " || '_' || substring(%1$L::regclass::text from '_([0-9]+)\"?$'))";
                statement.setString(1, q.table(table.schema(), table.name()));
                statement.setString(2, command);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        boolean success = rs.getBoolean(4);
                        String result = rs.getString(5);
                        boolean hasTrigger = success && "1".equals(result);
                        results.add(new PlacementResult(table.schema() + "." + table.name(), rs.getString(1), rs.getInt(2),
                                rs.getLong(3), hasTrigger, !success ? result
                                        : hasTrigger ? "trigger in place"
                                        : "0".equals(result) ? "no enabled audit trigger"
                                        : result + " audit triggers: every change is recorded " + result + " times"));
                    }
                }
            }
        }
        return results;
    }
}
