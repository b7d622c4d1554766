package io.github.citusaudit.trial;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.Operation;
import io.github.citusaudit.spec.PartitionSpec;
import io.github.citusaudit.spec.Partitioning;
import io.github.citusaudit.spec.TableSpec;

/**
 * One INSERT, one UPDATE and one DELETE of a sample row on an audited table, and the history rows
 * they left: what the {@code trial} goal shows and checks.
 */
public final class SampleChanges {

    private final SqlQuote q = new SqlQuote();

    /**
     * The history rows the changes left, and how many there should be: one per captured operation,
     * less the UPDATE when the table has no audited column it could change (an unchanged update
     * records nothing).
     */
    public record Outcome(TextTable rows, int expectedRows) {
    }

    /**
     * The NOT NULL columns of the table that no sample value can be made for (and that nothing
     * fills in), as {@code table.column of type t}: a trial of such a table cannot insert a row.
     */
    public static List<String> unsampleable(TableSpec table) {
        List<String> columns = new ArrayList<>();
        for (ColumnSpec column : table.columns()) {
            boolean generated = column.sequence() != null || column.identity() != null || column.defaultExpression() != null;
            if (!generated && !column.nullable() && SampleValues.first(column.type()) == null) {
                columns.add(table.name() + "." + column.name() + " of type " + column.type());
            }
        }
        return columns;
    }

    /** Runs the three changes, each on its own, and returns the history rows they wrote. */
    public Outcome run(Connection connection, TableSpec table) throws SQLException {
        String source = q.table(table.schema(), table.name());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        ColumnSpec updated = null;
        for (ColumnSpec column : table.columns()) {
            boolean generated = column.sequence() != null || column.identity() != null || column.defaultExpression() != null;
            String value = column.name().equals(partitionColumn(table)) ? partitionValue(table)
                    : SampleValues.first(column.type());
            if (generated) {
                continue;
            }
            if (value == null) {
                continue; // nullable: checked by unsampleable() before the trial started
            }
            names.add(q.id(column.name()));
            values.add(value);
            // A partition column stays, too: another value may have no partition to go to.
            boolean key = table.primaryKey().contains(column.name()) || column.name().equals(table.distribution().column())
                    || column.name().equals(partitionColumn(table));
            if (updated == null && !key && !table.history().excludedColumns().contains(column.name())) {
                updated = column;
            }
        }
        List<String> keys = !table.primaryKey().isEmpty() ? table.primaryKey()
                : table.distribution().column() != null ? List.of(table.distribution().column()) : List.of();
        try (java.sql.Statement statement = connection.createStatement()) {
            String insert = "INSERT INTO " + source + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values) + ")";
            String where;
            if (keys.isEmpty()) {
                statement.execute(insert);
                where = "ctid = (SELECT ctid FROM " + source + " LIMIT 1)";
            } else {
                // The row is found again by its key (as returned, defaults included), which also routes
                // the UPDATE and DELETE to its shard on Citus.
                List<String> conditions = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(insert + " RETURNING "
                        + String.join(", ", keys.stream().map(q::id).toList()))) {
                    rs.next();
                    for (int i = 0; i < keys.size(); i++) {
                        conditions.add(q.id(keys.get(i)) + " = " + q.lit(rs.getString(i + 1)));
                    }
                }
                where = String.join(" AND ", conditions);
            }
            String set = updated == null
                    ? names.get(0) + " = " + names.get(0)
                    : q.id(updated.name()) + " = " + SampleValues.second(updated.type());
            statement.execute("UPDATE " + source + " SET " + set + " WHERE " + where);
            statement.execute("DELETE FROM " + source + " WHERE " + where);
            String history = q.table(table.history().schema(), table.history().table());
            String order = table.history().auditColumns().id() == null ? "1" : q.id(table.history().auditColumns().id().name());
            int expected = expectedRows(table.history(), updated != null);
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + history + " ORDER BY " + order)) {
                return new Outcome(toTable(rs), expected);
            }
        }
    }

    /**
     * The history rows one INSERT, UPDATE and DELETE leave: one per recorded operation, an UPDATE two
     * with {@code update: both} (its old and new versions), none when it changed nothing and such
     * updates are skipped.
     */
    static int expectedRows(HistorySpec history, boolean updateChangesAColumn) {
        int rows = 0;
        for (Operation operation : history.operations()) {
            if (operation != Operation.UPDATE) {
                rows++;
            } else if (updateChangesAColumn || !history.skipUnchangedUpdates()) {
                rows += history.update() == HistorySpec.UpdateImage.BOTH ? 2 : 1;
            }
        }
        return rows;
    }

    /** The partition column of a table partitioned by range or list; null otherwise (any row lands in a hash partition). */
    private static String partitionColumn(TableSpec table) {
        return table.partitioned() && table.partitioning().strategy() != Partitioning.Strategy.HASH
                ? table.partitioning().column() : null;
    }

    /**
     * A value some declared partition takes, so that the sample row has a partition to land in: the
     * lower bound of the first range partition, or the first value of the first list partition; null
     * (the column's own sample) when the spec declares neither.
     */
    private String partitionValue(TableSpec table) {
        for (PartitionSpec partition : table.partitioning().partitions()) {
            if (partition.from() != null && !partition.from().equalsIgnoreCase("minvalue")) {
                return q.lit(partition.from());
            }
            if (!partition.in().isEmpty()) {
                return q.lit(partition.in().get(0));
            }
        }
        ColumnSpec column = table.column(table.partitioning().column()).orElseThrow();
        return SampleValues.first(column.type());
    }

    static TextTable toTable(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.add(meta.getColumnLabel(i));
        }
        TextTable table = new TextTable(header);
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            table.row(row);
        }
        return table;
    }
}
