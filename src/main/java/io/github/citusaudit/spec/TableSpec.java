package io.github.citusaudit.spec;

import java.util.List;
import java.util.Optional;

/**
 * An audited table. When {@code existingColumns} is true the table is not created by the plugin and
 * {@code columns} is empty until they are read from the live database.
 */
public record TableSpec(String schema, String name, Distribution distribution, boolean existingColumns,
        List<ColumnSpec> columns, List<String> primaryKey, HistorySpec history) {

    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The same table with the columns read from the database. */
    public TableSpec withColumns(List<ColumnSpec> liveColumns) {
        return new TableSpec(schema, name, distribution, existingColumns, liveColumns, primaryKey, history);
    }

    /** The same table with the distribution read from the database (for one the spec leaves undeclared). */
    public TableSpec withDistribution(Distribution live) {
        return new TableSpec(schema, name, live, existingColumns, columns, primaryKey, history);
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Source columns copied into history rows, in source order. */
    public List<ColumnSpec> auditedColumns() {
        return columns.stream().filter(c -> !history.excludedColumns().contains(c.name())).toList();
    }
}
