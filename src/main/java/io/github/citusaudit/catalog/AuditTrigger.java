package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * Whether a table has its audit trigger, calling the audit function, enabled: asked of the table
 * itself (on Citus, the coordinator's; {@link PlacementTriggers} asks the shard placements).
 */
public final class AuditTrigger {

    private static final String STATE = """
            SELECT t.tgenabled::text
              FROM pg_catalog.pg_trigger t
             WHERE t.tgrelid = pg_catalog.to_regclass(?) AND t.tgname = ? AND t.tgfoid = to_regprocedure(?)""";

    private AuditTrigger() {
    }

    /** What is wrong with the table's trigger ({@code trigger x is missing}, {@code ... is disabled}); empty when it fires. */
    public static Optional<String> problem(Connection connection, TableSpec table) throws SQLException {
        return problem(connection, table.installedTrigger());
    }

    /** The same for any trigger apply installs, audit or custom. */
    public static Optional<String> problem(Connection connection, InstalledTrigger installed) throws SQLException {
        String trigger = "trigger " + installed.triggerName();
        String enabled = new Query(connection).value(STATE, new SqlQuote().table(installed.schema(), installed.table()),
                installed.triggerName(), AuditFunction.signature(installed));
        if (enabled == null) {
            return Optional.of(trigger + " is missing");
        }
        return "O".equals(enabled) ? Optional.empty() : Optional.of(trigger + " is disabled (tgenabled=" + enabled + ")");
    }

    /** After apply: the tables whose trigger is missing or disabled, as readable lines; empty when all is well. */
    public static List<String> problems(Connection connection, List<TableSpec> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (TableSpec table : tables) {
            problem(connection, table).ifPresent(problem -> problems.add(table.schema() + "." + table.name() + ": " + problem));
        }
        return problems;
    }
}
