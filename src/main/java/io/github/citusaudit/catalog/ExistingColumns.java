package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Reads the live columns of the audited tables. A table declared {@code columns: existing} takes
 * them as they are; a table the spec declares, once it exists, is audited with its live columns:
 * the declared ones first, with what the spec says of them, then any the table gained since, so
 * that a new column is recorded rather than silently lost. A declared column the table lacks stops
 * apply with a clear message.
 */
public final class ExistingColumns {

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private ExistingColumns() {
    }

    public static AuditSpec resolve(Connection connection, AuditSpec spec) throws SQLException {
        List<TableSpec> resolved = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            resolved.add(resolve(connection, table));
        }
        return spec.withTables(resolved);
    }

    public static TableSpec resolve(Connection connection, TableSpec table) throws SQLException {
        List<ColumnSpec> live = read(connection, table);
        if (table.existingColumns()) {
            if (live.isEmpty()) {
                throw new DriftException("table " + table.schema() + "." + table.name()
                        + " is declared with 'columns: existing' but does not exist in the database");
            }
            checkExcluded(table, live);
            return table.withColumns(live);
        }
        if (live.isEmpty()) {
            return table;
        }
        List<ColumnSpec> merged = new ArrayList<>();
        for (ColumnSpec declared : table.columns()) {
            if (live.stream().noneMatch(c -> c.name().equals(declared.name()))) {
                throw new DriftException("the spec declares column '" + declared.name() + "' of " + table.schema() + "."
                        + table.name() + " but the table in the database has no such column; add it to the table or remove it from the spec");
            }
            merged.add(declared);
        }
        for (ColumnSpec column : live) {
            if (table.column(column.name()).isEmpty()) {
                merged.add(column);
            }
        }
        return table.withColumns(merged);
    }

    private static List<ColumnSpec> read(Connection connection, TableSpec table) throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, new SqlQuote().table(table.schema(), table.name()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(ColumnSpec.of(rs.getString(1), rs.getString(2), !rs.getBoolean(3)));
                }
            }
        }
        return columns;
    }

    private static void checkExcluded(TableSpec table, List<ColumnSpec> columns) {
        for (String excluded : table.history().excludedColumns()) {
            if (columns.stream().noneMatch(c -> c.name().equals(excluded))) {
                throw new DriftException("excluded column '" + excluded + "' is not a column of "
                        + table.schema() + "." + table.name() + " in the database");
            }
        }
    }
}
