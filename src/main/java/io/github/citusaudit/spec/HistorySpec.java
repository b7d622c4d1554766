package io.github.citusaudit.spec;

import java.util.List;
import java.util.Set;

/**
 * The history of one source table: its table, which changes are captured, which source columns are
 * left out, its own audit columns, the names of the trigger and its function, the roles that may
 * read it ({@code readers}: granted SELECT; nobody but the owner may write it), and how it is
 * partitioned by time ({@code partitionBy}; null: one table).
 */
public record HistorySpec(String schema, String table, Set<Operation> operations, List<String> excludedColumns,
        AuditColumns auditColumns, String triggerName, String functionName, ChangeTime time, boolean skipUnchangedUpdates,
        UpdateImage update, List<String> readers, HistoryPartitioning partitionBy) {

    /** Which version of the row an UPDATE records. */
    public enum UpdateImage {
        /** The version the UPDATE replaced: the row says "this was the state until at". */
        OLD,
        /** The version the UPDATE wrote: the row says "this is the state from at". */
        NEW,
        /** Both: two rows, the old then the new, told apart by the image column. */
        BOTH;

        public boolean recordsOld() {
            return this != NEW;
        }

        public boolean recordsNew() {
            return this != OLD;
        }
    }

    /** Which clock the {@code at} column reads. */
    public enum ChangeTime {
        /** now(): the start of the transaction; every row of a transaction has the same time. */
        TRANSACTION("pg_catalog.now()"),
        /** statement_timestamp(): the start of the statement. */
        STATEMENT("pg_catalog.statement_timestamp()"),
        /** clock_timestamp(): the moment the row is written. */
        CLOCK("pg_catalog.clock_timestamp()");

        private final String sql;

        ChangeTime(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    public HistorySpec {
        operations = Set.copyOf(operations);
        excludedColumns = List.copyOf(excludedColumns);
        readers = List.copyOf(readers);
    }

    /** A history in one table, not partitioned. */
    public HistorySpec(String schema, String table, Set<Operation> operations, List<String> excludedColumns,
            AuditColumns auditColumns, String triggerName, String functionName, ChangeTime time,
            boolean skipUnchangedUpdates, UpdateImage update, List<String> readers) {
        this(schema, table, operations, excludedColumns, auditColumns, triggerName, functionName, time,
                skipUnchangedUpdates, update, readers, null);
    }

    /**
     * Whether the history can say how a row was at a time: it needs the replaced versions, which
     * {@code update: new} does not keep (a row's state before its first recorded UPDATE is lost).
     */
    public boolean keepsReplacedVersions() {
        return update.recordsOld();
    }

    /** The function that reads the table as of a time: {@code <history table>_as_of} (see {@link Naming}). */
    public String asOfFunctionName() {
        return Naming.asOfFunction(table);
    }

    /**
     * The sequence that numbers history rows, {@code <history table>_<id column>_seq} (see {@link Naming});
     * null without an id column. History shards carry no defaults, so the trigger calls it.
     */
    public String idSequence() {
        return auditColumns.id() == null ? null : Naming.idSequence(table, auditColumns.id().name());
    }
}
