package io.github.citusaudit.trial;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.catalog.LiveColumns;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * One INSERT, UPDATE and DELETE of a sample row on a custom trigger's table (its columns read from
 * the database, as the tables are the user's), and the rows of each target after each change: what
 * the {@code trial} goal shows for a custom trigger.
 */
public final class TriggerSamples {

    private final SqlQuote q = new SqlQuote();

    /** The rows of the targets after a change ({@code INSERT}, {@code UPDATE}, {@code DELETE}), target by target. */
    public record Step(String change, Map<String, TextTable> targets) {
    }

    /** @throws IllegalStateException when no sample row can be made (a NOT NULL column of a type without a sample) */
    public List<Step> run(Connection connection, TriggerSpec trigger) throws SQLException {
        String table = q.table(trigger.schema(), trigger.table());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String updated = null;
        String updatedValue = null;
        for (ColumnSpec column : LiveColumns.of(connection, trigger.schema(), trigger.table()).asSpecs()) {
            String value = SampleValues.first(column.type());
            if (value == null && !column.nullable()) {
                throw new IllegalStateException("trial cannot make a sample value for " + trigger.tableName() + "." + column.name()
                        + " of type " + column.type());
            }
            if (value != null) {
                names.add(q.id(column.name()));
                values.add(value);
                if (updated == null && !column.name().equals(trigger.distributionColumn()) && SampleValues.second(column.type()) != null) {
                    updated = q.id(column.name());
                    updatedValue = SampleValues.second(column.type());
                }
            }
        }
        String key = q.id(trigger.distributionColumn());
        String where = key + " = " + values.get(names.indexOf(key));
        List<Step> steps = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values) + ")");
            steps.add(new Step("INSERT", targets(statement, trigger)));
            String set = updated == null ? key + " = " + key : updated + " = " + updatedValue;
            statement.execute("UPDATE " + table + " SET " + set + " WHERE " + where);
            steps.add(new Step("UPDATE", targets(statement, trigger)));
            statement.execute("DELETE FROM " + table + " WHERE " + where);
            steps.add(new Step("DELETE", targets(statement, trigger)));
        }
        return steps;
    }

    private Map<String, TextTable> targets(Statement statement, TriggerSpec trigger) throws SQLException {
        Map<String, TextTable> rows = new LinkedHashMap<>();
        for (TriggerSpec.TargetSpec target : trigger.targets()) {
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + q.table(target.schema(), target.table()) + " ORDER BY 1")) {
                rows.put(target.tableName(), SampleChanges.toTable(rs));
            }
        }
        return rows;
    }
}
