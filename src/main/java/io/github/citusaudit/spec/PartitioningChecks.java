package io.github.citusaudit.spec;

import java.util.List;

/**
 * The rules of a partitioned table that need its columns and distribution: the partition column is
 * a column of the table and part of its primary key, and only a hash-distributed or local table is
 * partitioned (Citus distributes partitioned tables only by hash).
 */
record PartitioningChecks(SpecProblems problems) {

    /** {@code map} is the table as written, {@code primaryKey} its key columns where they were written. */
    void check(YamlMap map, TableSpec table, PartitioningReader.Read read, List<YamlMap.Located<String>> primaryKey,
            String what) {
        if (read == null) {
            return;
        }
        String column = read.partitioning().column();
        if (table.distribution().isReference()) {
            problems.add(map.get("partitionBy"), "a reference table cannot be partitioned: Citus distributes partitioned"
                    + " tables only by hash (use distribution: {column: ...} or local)");
        }
        if (!table.existingColumns() && table.column(column).isEmpty()) {
            problems.add(read.column(), "partition column '" + column + "' is not a column of " + what
                    + DidYouMean.hint(column, table.columns().stream().map(ColumnSpec::name).toList()));
        }
        if (!primaryKey.isEmpty() && primaryKey.stream().noneMatch(k -> k.value().equals(column))) {
            problems.add(map.get("primaryKey"), "the primary key of " + what + " must include the partition column '"
                    + column + "' (PostgreSQL refuses unique constraints on a partitioned table without it)");
        }
    }
}
