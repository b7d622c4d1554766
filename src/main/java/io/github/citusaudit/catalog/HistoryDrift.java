package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
        LiveColumns source = LiveColumns.of(connection, table.schema(), table.name());
        LiveColumns history = LiveColumns.of(connection, table.history().schema(), table.history().table());
        List<String> drift = new ArrayList<>();
        if (!source.tableExists() || !history.tableExists()) {
            return drift;
        }
        String name = table.schema() + "." + table.name();
        List<String> audit = table.history().auditColumns().present().stream().map(AuditColumn::name).toList();
        for (String column : history.names()) {
            if (audit.contains(column) || table.history().excludedColumns().contains(column)) {
                continue;
            }
            String type = history.type(column);
            if (!source.has(column)) {
                drift.add(name + ": column '" + column + "' was dropped from the source; history keeps it (NULL in new rows)");
            } else if (!source.type(column).equals(type)) {
                drift.add(name + ": column '" + column + "' is " + source.type(column) + " in the source but " + type
                        + " in history; change the history column's type to match");
            }
        }
        return drift;
    }
}
