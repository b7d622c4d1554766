package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.ColumnSpec;

/**
 * The columns a table has in the database, in column order: name, type as format_type prints it,
 * whether NULL is allowed, and the column's number (attnum, which a rename keeps). The one place
 * that asks pg_attribute about a table's columns; none when there is no such table.
 */
public final class LiveColumns {

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attnum
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private final List<ColumnSpec> columns;
    private final List<Integer> numbers;

    /** Columns numbered 1, 2, ... as a table that never lost one has them. */
    LiveColumns(List<ColumnSpec> columns) {
        this(columns, IntStream.rangeClosed(1, columns.size()).boxed().toList());
    }

    LiveColumns(List<ColumnSpec> columns, List<Integer> numbers) {
        this.columns = List.copyOf(columns);
        this.numbers = List.copyOf(numbers);
    }

    public static LiveColumns of(Connection connection, String schema, String table) throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (List<String> row : new Query(connection).rows(COLUMNS, new SqlQuote().table(schema, table))) {
            columns.add(ColumnSpec.of(row.get(0), row.get(1), "t".equals(row.get(2))));
            numbers.add(Integer.parseInt(row.get(3)));
        }
        return new LiveColumns(columns, numbers);
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

    /** The name of the column numbered {@code attnum}; empty when there is none (dropped). */
    public Optional<String> nameOf(int attnum) {
        int index = numbers.indexOf(attnum);
        return index < 0 ? Optional.empty() : Optional.of(columns.get(index).name());
    }

    private Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
