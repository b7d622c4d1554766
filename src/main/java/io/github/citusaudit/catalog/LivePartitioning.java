package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.Partitioning;
import io.github.citusaudit.spec.TableSpec;

/**
 * How a table is partitioned in the database (pg_partitioned_table), and the audited tables resolved
 * against it: a table found partitioned is audited as one, whether the spec says so or not
 * ({@code columns: existing}), for its rows land in its partitions; a table the spec declares
 * partitioned must be so, on the declared key, and so must a history the spec partitions by time.
 * PostgreSQL cannot partition a table that exists, so a mismatch stops apply with what to do.
 *
 * @param exists     whether the table exists
 * @param strategy   how it is partitioned; null when it is not
 * @param column     its partition column; null when it is not partitioned or its key is an
 *                   expression or several columns
 * @param definition the key as pg_get_partkeydef prints it, {@code RANGE (occurred_at)}
 */
public record LivePartitioning(boolean exists, Partitioning.Strategy strategy, String column, String definition) {

    private static final String KEY = """
            SELECT r.oid IS NOT NULL, p.partstrat::text,
                   CASE WHEN p.partnatts = 1 AND p.partattrs[0] <> 0 THEN
                        (SELECT a.attname FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]) END,
                   pg_catalog.pg_get_partkeydef(p.partrelid)
              FROM (SELECT pg_catalog.to_regclass(?) AS oid) r
              LEFT JOIN pg_catalog.pg_partitioned_table p ON p.partrelid = r.oid""";

    /** A table that does not exist (yet). */
    public static final LivePartitioning ABSENT = new LivePartitioning(false, null, null, null);

    public static LivePartitioning of(Connection connection, String schema, String table) throws SQLException {
        List<String> row = new Query(connection).rows(KEY, new SqlQuote().table(schema, table)).get(0);
        Partitioning.Strategy strategy = row.get(1) == null ? null : switch (row.get(1)) {
            case "r" -> Partitioning.Strategy.RANGE;
            case "l" -> Partitioning.Strategy.LIST;
            default -> Partitioning.Strategy.HASH;
        };
        return new LivePartitioning("t".equals(row.get(0)), strategy, row.get(2), row.get(3));
    }

    public boolean partitioned() {
        return strategy != null;
    }

    /** Every table of the spec resolved against its table and history in the database. */
    public static AuditSpec resolve(Connection connection, AuditSpec spec) throws SQLException {
        List<TableSpec> resolved = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            HistorySpec history = table.history();
            resolved.add(resolve(table, of(connection, table.schema(), table.name()),
                    history.partitionBy() == null ? ABSENT : of(connection, history.schema(), history.table())));
        }
        return spec.withTables(resolved);
    }

    /**
     * The table as apply audits it: partitioned as the database has it.
     *
     * @param source  how the table is in the database
     * @param history how its history table is (asked only when the spec partitions the history)
     * @throws DriftException when the database does not have them partitioned as the spec declares
     */
    public static TableSpec resolve(TableSpec table, LivePartitioning source, LivePartitioning history) {
        problem(table, source, history).ifPresent(problem -> {
            throw new DriftException(problem);
        });
        return asFound(table, source);
    }

    /** The table partitioned as found, when the spec does not say it is; else the table as declared. */
    public static TableSpec asFound(TableSpec table, LivePartitioning source) {
        if (!table.partitioned() && source.partitioned()) {
            return table.withPartitioning(new Partitioning(source.strategy(), source.column(), List.of()));
        }
        return table;
    }

    /** What keeps apply from auditing the table as the spec declares it: a partitioning it lacks or has otherwise. */
    public static Optional<String> problem(TableSpec table, LivePartitioning source, LivePartitioning history) {
        String name = table.schema() + "." + table.name();
        Partitioning declared = table.partitioning();
        if (declared != null && source.exists() && !source.matches(declared.strategy(), declared.column())) {
            return Optional.of("the spec declares " + name + " partitioned by " + words(declared.strategy(),
                    declared.column()) + " but the table in the database is " + source.describe() + cannotPartition(
                    "remove partitionBy, or create the table anew partitioned"));
        }
        HistorySpec spec = table.history();
        String at = spec.partitionBy() == null ? null : spec.auditColumns().at().name();
        if (at != null && history.exists() && !history.matches(Partitioning.Strategy.RANGE, at)) {
            return Optional.of("history.partitionBy of " + name + " partitions history table " + spec.schema() + "."
                    + spec.table() + " by range (" + at + ") but it is " + history.describe() + cannotPartition(
                    "rename it (its rows stay yours; apply then makes a partitioned one), or remove history.partitionBy"));
        }
        return Optional.empty();
    }

    private boolean matches(Partitioning.Strategy expectedStrategy, String expectedColumn) {
        return expectedStrategy == strategy && expectedColumn.equals(column);
    }

    private String describe() {
        return partitioned() ? "partitioned by " + definition : "not partitioned";
    }

    private static String words(Partitioning.Strategy strategy, String column) {
        return strategy.name().toLowerCase(Locale.ROOT) + " (" + column + ")";
    }

    private static String cannotPartition(String whatToDo) {
        return "; PostgreSQL cannot partition a table that exists or change its partition key: " + whatToDo;
    }
}
