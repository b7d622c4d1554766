package io.github.citusaudit.spec;

import java.util.List;
import java.util.Optional;

/**
 * An audited table. When {@code existingColumns} is true the table is not created by the plugin and
 * {@code columns} is empty until they are read from the live database. {@code partitioning} is null
 * for a table that is not partitioned (as the spec declares it, or as the database has it once read).
 */
public record TableSpec(String schema, String name, Distribution distribution, boolean existingColumns,
        List<ColumnSpec> columns, List<String> primaryKey, HistorySpec history, Partitioning partitioning) {

    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** A table that is not partitioned. */
    public TableSpec(String schema, String name, Distribution distribution, boolean existingColumns,
            List<ColumnSpec> columns, List<String> primaryKey, HistorySpec history) {
        this(schema, name, distribution, existingColumns, columns, primaryKey, history, null);
    }

    /** The same table with the columns read from the database. */
    public TableSpec withColumns(List<ColumnSpec> liveColumns) {
        return new TableSpec(schema, name, distribution, existingColumns, liveColumns, primaryKey, history, partitioning);
    }

    /** The same table partitioned as the database has it (null: not partitioned). */
    public TableSpec withPartitioning(Partitioning livePartitioning) {
        return new TableSpec(schema, name, distribution, existingColumns, columns, primaryKey, history, livePartitioning);
    }

    /** Whether its rows live in partitions: on Citus, in the shards of the partitions, not of the table. */
    public boolean partitioned() {
        return partitioning != null;
    }

    /** The same table with the distribution read from the database (for one the spec leaves undeclared). */
    public TableSpec withDistribution(Distribution live) {
        return new TableSpec(schema, name, live, existingColumns, columns, primaryKey, history, partitioning);
    }

    /** Its audit trigger and the trigger function, as the catalog is asked about them. */
    public InstalledTrigger installedTrigger() {
        return new InstalledTrigger(schema, name, history.triggerName(), history.schema(), history.functionName());
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Source columns copied into history rows, in source order. */
    public List<ColumnSpec> auditedColumns() {
        return columns.stream().filter(c -> !history.excludedColumns().contains(c.name())).toList();
    }
}
