package io.github.citusaudit.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * One INSERT, one UPDATE and one DELETE of a sample row on an audited table, and the history rows
 * they left: what the {@code trial} goal shows and checks.
 */
public final class SampleChanges {

    private final SqlQuote q = new SqlQuote();

    /** Runs the three changes in one transaction-less sequence and returns the history rows they wrote. */
    public TextTable run(Connection connection, TableSpec table) throws SQLException {
        String source = q.table(table.schema(), table.name());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        ColumnSpec updated = null;
        for (ColumnSpec column : table.columns()) {
            boolean generated = column.sequence() != null || column.identity() != null || column.defaultExpression() != null;
            String value = SampleValues.first(column.type());
            if (generated) {
                continue;
            }
            if (value == null) {
                if (!column.nullable()) {
                    throw new ApplyException("trial cannot make a sample value for " + table.name() + "." + column.name()
                            + " of type " + column.type());
                }
                continue;
            }
            names.add(q.id(column.name()));
            values.add(value);
            boolean key = table.primaryKey().contains(column.name()) || column.name().equals(table.distribution().column());
            if (updated == null && !key && !table.history().excludedColumns().contains(column.name())) {
                updated = column;
            }
        }
        String where = "ctid = (SELECT ctid FROM " + source + " LIMIT 1)";
        String whereKey = keyCondition(table, names, values);
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + source + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", values) + ")");
            String set = updated == null
                    ? names.get(0) + " = " + names.get(0)
                    : q.id(updated.name()) + " = " + SampleValues.second(updated.type());
            statement.execute("UPDATE " + source + " SET " + set + " WHERE " + (whereKey == null ? where : whereKey));
            statement.execute("DELETE FROM " + source + " WHERE " + (whereKey == null ? where : whereKey));
            String history = q.table(table.history().schema(), table.history().table());
            String order = table.history().auditColumns().id() == null ? "1" : q.id(table.history().auditColumns().id().name());
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + history + " ORDER BY " + order)) {
                return toTable(rs);
            }
        }
    }

    /** A condition on the key columns the sample row was given, so the UPDATE and DELETE find it on Citus too. */
    private String keyCondition(TableSpec table, List<String> names, List<String> values) {
        List<String> conditions = new ArrayList<>();
        for (String key : table.primaryKey().isEmpty() && table.distribution().column() != null
                ? List.of(table.distribution().column()) : table.primaryKey()) {
            int index = names.indexOf(q.id(key));
            if (index < 0) {
                return null;
            }
            conditions.add(q.id(key) + " = " + values.get(index));
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    private static TextTable toTable(ResultSet rs) throws SQLException {
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
