package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Resolves the audited tables' columns against their live columns. A table declared
 * {@code columns: existing} takes them as they are; a table the spec declares, once it exists, is
 * audited with its live columns: the declared ones first, with what the spec says of them, then any
 * the table gained since, so that a new column is recorded rather than silently lost. A declared
 * column the table lacks stops apply with a clear message.
 */
public final class ExistingColumns {

    private ExistingColumns() {
    }

    public static AuditSpec resolve(Connection connection, AuditSpec spec) throws SQLException {
        List<TableSpec> resolved = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            resolved.add(resolve(table, LiveColumns.of(connection, table.schema(), table.name())));
        }
        return spec.withTables(resolved);
    }

    /** @param live the table's live columns, none when it does not exist yet */
    public static TableSpec resolve(TableSpec table, LiveColumns live) {
        if (table.existingColumns()) {
            if (!live.tableExists()) {
                throw new DriftException("table " + table.schema() + "." + table.name()
                        + " is declared with 'columns: existing' but does not exist in the database");
            }
            checkExcluded(table, live);
            checkDistributionColumn(table, live);
            return table.withColumns(live.asSpecs());
        }
        if (!live.tableExists()) {
            return table;
        }
        List<ColumnSpec> merged = new ArrayList<>();
        for (ColumnSpec declared : table.columns()) {
            if (!live.has(declared.name())) {
                throw new DriftException("the spec declares column '" + declared.name() + "' of " + table.schema() + "."
                        + table.name() + " but the table in the database has no such column; add it to the table or remove it from the spec");
            }
            merged.add(declared);
        }
        for (ColumnSpec column : live.asSpecs()) {
            if (table.column(column.name()).isEmpty()) {
                merged.add(column);
            }
        }
        return table.withColumns(merged);
    }

    /**
     * History is kept by the distribution column (its key, and on Citus how it is distributed): a
     * history under another name cannot follow a renamed one by itself. The trigger functions still
     * record its value meanwhile (templates/common/history-insert.vm).
     */
    private static void checkDistributionColumn(TableSpec table, LiveColumns live) {
        String column = table.distribution().column();
        if (column != null && !live.has(column)) {
            throw new DriftException("the distribution column '" + column + "' of " + table.schema() + "." + table.name()
                    + " is not in the table (renamed?); history is kept by that name: rename the column back, or rename"
                    + " history's column the same way and change the spec's distribution column");
        }
    }

    private static void checkExcluded(TableSpec table, LiveColumns live) {
        for (String excluded : table.history().excludedColumns()) {
            if (!live.has(excluded)) {
                throw new DriftException("excluded column '" + excluded + "' is not a column of "
                        + table.schema() + "." + table.name() + " in the database");
            }
        }
    }
}
