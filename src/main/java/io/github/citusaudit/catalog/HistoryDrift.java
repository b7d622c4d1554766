package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.TableSpec;

/**
 * Source columns that history can no longer follow: dropped from the source (history keeps the
 * column, NULL from now on) or of another type than in history. Apply reports them; nothing is
 * dropped or changed silently.
 */
public final class HistoryDrift {

    private HistoryDrift() {
    }

    public static List<String> of(Connection connection, TableSpec table) throws SQLException {
        SqlQuote q = new SqlQuote();
        Map<String, String> source = ColumnTypes.of(connection, q.table(table.schema(), table.name()));
        Map<String, String> history = ColumnTypes.of(connection, q.table(table.history().schema(), table.history().table()));
        List<String> drift = new ArrayList<>();
        if (source.isEmpty() || history.isEmpty()) {
            return drift;
        }
        String name = table.schema() + "." + table.name();
        List<String> audit = table.history().auditColumns().present().stream().map(AuditColumn::name).toList();
        history.forEach((column, type) -> {
            if (audit.contains(column) || table.history().excludedColumns().contains(column)) {
                return;
            }
            if (!source.containsKey(column)) {
                drift.add(name + ": column '" + column + "' was dropped from the source; history keeps it (NULL in new rows)");
            } else if (!source.get(column).equals(type)) {
                drift.add(name + ": column '" + column + "' is " + source.get(column) + " in the source but " + type
                        + " in history; change the history column's type to match");
            }
        });
        return drift;
    }

}
