package io.github.citusaudit.cluster;

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

/** Fills in the columns of tables declared {@code columns: existing} from the live catalog. */
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
            resolved.add(table.existingColumns() ? table.withColumns(read(connection, table)) : table);
        }
        return spec.withTables(resolved);
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
        if (columns.isEmpty()) {
            throw new ApplyException("table " + table.schema() + "." + table.name()
                    + " is declared with 'columns: existing' but does not exist in the database");
        }
        for (String excluded : table.history().excludedColumns()) {
            if (columns.stream().noneMatch(c -> c.name().equals(excluded))) {
                throw new ApplyException("excluded column '" + excluded + "' is not a column of "
                        + table.schema() + "." + table.name() + " in the database");
            }
        }
        return columns;
    }
}
