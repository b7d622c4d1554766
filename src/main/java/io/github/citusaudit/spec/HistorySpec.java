package io.github.citusaudit.spec;

import java.util.List;
import java.util.Set;

/**
 * The history of one source table: its table, which changes are captured, which source columns are
 * left out, its own audit columns, and the names of the trigger and its function.
 */
public record HistorySpec(String schema, String table, Set<Operation> operations, List<String> excludedColumns,
        AuditColumns auditColumns, String triggerName, String functionName) {

    public HistorySpec {
        operations = Set.copyOf(operations);
        excludedColumns = List.copyOf(excludedColumns);
    }

    /** The sequence that numbers history rows; history shards carry no defaults, so the trigger calls it. */
    public String idSequence() {
        return auditColumns.id() == null ? null : table + "_" + auditColumns.id().name() + "_seq";
    }
}
