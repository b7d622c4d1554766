package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.TableSpec;

/** Reads back, after apply, whether each audited table has its trigger, enabled. */
public final class InstalledTriggers {

    private static final String TRIGGER = """
            SELECT t.tgenabled
              FROM pg_catalog.pg_trigger t
             WHERE t.tgrelid = pg_catalog.to_regclass(?) AND t.tgname = ?""";

    private InstalledTriggers() {
    }

    /** The tables whose trigger is missing or disabled, as readable lines; empty when all is well. */
    public static List<String> problems(Connection connection, AuditSpec spec) throws SQLException {
        SqlQuote q = new SqlQuote();
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TRIGGER)) {
            for (TableSpec table : spec.tables()) {
                statement.setString(1, q.table(table.schema(), table.name()));
                statement.setString(2, table.history().triggerName());
                try (ResultSet rs = statement.executeQuery()) {
                    String where = table.schema() + "." + table.name() + ": trigger " + table.history().triggerName();
                    if (!rs.next()) {
                        problems.add(where + " is missing");
                    } else if (!"O".equals(rs.getString(1))) {
                        problems.add(where + " is disabled (tgenabled=" + rs.getString(1) + ")");
                    }
                }
            }
        }
        return problems;
    }
}
