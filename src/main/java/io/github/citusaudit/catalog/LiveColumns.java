package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.ColumnSpec;

/**
 * The columns a table has in the database, in column order: name, type as format_type prints it,
 * and whether NULL is allowed. The one place that asks pg_attribute; none when there is no such table.
 */
public final class LiveColumns {

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private final List<ColumnSpec> columns;

    LiveColumns(List<ColumnSpec> columns) {
        this.columns = List.copyOf(columns);
    }

    public static LiveColumns of(Connection connection, String schema, String table) throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        for (List<String> row : new Query(connection).rows(COLUMNS, new SqlQuote().table(schema, table))) {
            columns.add(ColumnSpec.of(row.get(0), row.get(1), "t".equals(row.get(2))));
        }
        return new LiveColumns(columns);
    }

    /** False when the table does not exist (a table without columns is not one the plugin audits). */
    public boolean tableExists() {
        return !columns.isEmpty();
    }

    /** The columns as spec columns: name, type and nullability, nothing the database cannot tell. */
    public List<ColumnSpec> asSpecs() {
        return columns;
    }

    public List<String> names() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public boolean has(String name) {
        return column(name).isPresent();
    }

    /** The column's type as format_type prints it; null when there is no such column. */
    public String type(String name) {
        return column(name).map(ColumnSpec::type).orElse(null);
    }

    private Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
