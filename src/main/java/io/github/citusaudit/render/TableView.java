package io.github.citusaudit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.AuditColumns;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.HistorySpec.UpdateImage;
import io.github.citusaudit.spec.TableSpec;

/**
 * What the templates print about one audited table, worked out once from its spec, so that a
 * template only loops and prints. Names come quoted for SQL ({@code source}, {@code history},
 * {@code function}, column lists and definitions) unless they end in {@code Name}: those are the
 * names as the catalog holds them, for a template to put into a literal with {@code $q.lit}.
 * Quoting for where a value lands (a literal, text for {@code format()}) is the template's, through
 * {@code $q}; only the history INSERT comes ready for {@code format()}, see {@link #insertValues()}.
 */
public final class TableView {

    /** Where the trigger functions' format() puts the expression of the session's global process id. */
    static final String GPID_PLACEHOLDER = "%2$s";

    private final String source;
    private final String history;
    private final String historySchemaName;
    private final String function;
    private final String functionName;
    private final String triggerName;
    private final String idSequence;
    private final String asOfFunctionName;
    private final List<String> sourceColumns;
    private final String sourcePrimaryKey;
    private final List<String> primaryKey;
    private final List<String> historyColumns;
    private final String historyPrimaryKey;
    private final List<AddableColumn> addableHistoryColumns;
    private final List<String> auditedColumns;
    private final List<String> auditedColumnNames;
    private final String distributionColumnName;
    private final List<String> excludedColumnNames;
    private final String insertColumns;
    private final String insertValues;
    private final String rowInsertValues;
    private final String events;
    private final int tgtype;
    private final String tgtypeBits;
    private final boolean recordsGpid;
    private final boolean recordsImage;
    private final boolean updateRecordsOld;
    private final boolean updateRecordsBoth;
    private final boolean skipsUnchangedUpdates;
    private final AsOf asOf;
    private final List<String> readers;
    private final PartitioningView partitioning;
    private final HistoryPartitionsView historyPartitioning;

    /**
     * A column the history table may lack and that can be added to it later.
     *
     * @param name the column's name as the catalog holds it ({@code pg_attribute.attname})
     * @param definition {@code name type}, the name quoted, for {@code ALTER TABLE ... ADD COLUMN}
     */
    public record AddableColumn(String name, String definition) {
    }

    /**
     * The function that reads the table as of a time ({@code <history table>_as_of}), when the
     * history can tell (see {@link #asOf()}). Column names quoted.
     *
     * @param signature the function with its argument type, {@code shard6.account_hist_as_of(timestamp)}
     * @param resultColumns the columns it returns with their types, {@code account_id bigint, ...}
     * @param at the history's time column
     * @param operation the history's operation column
     * @param id the history's id column
     * @param newImage the image column when an UPDATE records both versions (the new one is left out), else null
     */
    public record AsOf(String signature, String resultColumns, String at, String operation, String id,
            String newImage) {
    }

    private TableView(TableSpec table, SqlQuote q) {
        HistorySpec spec = table.history();
        AuditColumns audit = spec.auditColumns();
        source = q.table(table.schema(), table.name());
        history = q.table(spec.schema(), spec.table());
        historySchemaName = spec.schema();
        function = q.table(spec.schema(), spec.functionName());
        functionName = spec.functionName();
        triggerName = spec.triggerName();
        idSequence = spec.idSequence() == null ? null : q.table(spec.schema(), spec.idSequence());
        asOfFunctionName = spec.asOfFunctionName();

        sourceColumns = table.columns().stream().map(c -> sourceColumn(q, table, c)).toList();
        primaryKey = table.primaryKey().stream().map(q::id).toList();
        sourcePrimaryKey = primaryKey.isEmpty() ? null : String.join(", ", primaryKey);
        auditedColumnNames = table.auditedColumns().stream().map(ColumnSpec::name).toList();
        auditedColumns = auditedColumnNames.stream().map(q::id).toList();

        String distributionColumn = table.distribution().column();
        distributionColumnName = distributionColumn;
        excludedColumnNames = spec.excludedColumns();
        List<String> historyDefinitions = new ArrayList<>();
        List<AddableColumn> addable = new ArrayList<>();
        for (AuditColumn column : audit.present()) {
            String definition = q.id(column.name()) + " " + column.type();
            if (column == audit.id()) {
                historyDefinitions.add(definition + " NOT NULL DEFAULT nextval(" + q.lit(idSequence) + ")");
            } else {
                boolean notNull = column == audit.operation() || column == audit.at();
                historyDefinitions.add(definition + (notNull ? " NOT NULL" : ""));
                addable.add(new AddableColumn(column.name(), definition));
            }
        }
        for (ColumnSpec column : table.auditedColumns()) {
            String definition = q.id(column.name()) + " " + column.type();
            historyDefinitions.add(definition + (column.name().equals(distributionColumn) ? " NOT NULL" : ""));
            addable.add(new AddableColumn(column.name(), definition));
        }
        historyColumns = List.copyOf(historyDefinitions);
        addableHistoryColumns = List.copyOf(addable);
        historyPartitioning = spec.partitionBy() == null ? null : new HistoryPartitionsView(spec, q);
        // A partitioned table's unique constraints must hold its partition key.
        historyPrimaryKey = audit.id() == null ? null
                : q.id(audit.id().name()) + (table.distribution().isHash() ? ", " + q.id(distributionColumn) : "")
                        + (historyPartitioning == null ? "" : ", " + historyPartitioning.at());

        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> rowValues = new ArrayList<>();
        for (AuditColumn column : audit.present()) {
            columns.add(q.fmt(q.id(column.name())));
            values.add(auditValue(q, spec, column));
            rowValues.add(auditValue(q, spec, column));
        }
        for (int i = 0; i < auditedColumns.size(); i++) {
            columns.add(q.fmt(auditedColumns.get(i)));
            // the functions name the row's columns (r.<column>), or take them by name into v1, v2, ...
            // after a migration (templates/common/history-insert.vm)
            values.add("v" + (i + 1));
            rowValues.add("r." + q.fmt(auditedColumns.get(i)));
        }
        insertColumns = String.join(", ", columns);
        insertValues = String.join(", ", values);
        rowInsertValues = String.join(", ", rowValues);

        events = TriggerEvents.sql(spec.operations());
        tgtype = TriggerEvents.tgtype(spec.operations());
        tgtypeBits = TriggerEvents.tgtypeBits(spec.operations());
        recordsGpid = audit.gpid() != null;
        recordsImage = audit.image() != null;
        updateRecordsOld = spec.update().recordsOld();
        updateRecordsBoth = spec.update() == UpdateImage.BOTH;
        skipsUnchangedUpdates = spec.skipUnchangedUpdates() && !auditedColumns.isEmpty();
        asOf = asOf(q, table);
        readers = spec.readers();
        partitioning = table.partitioned() ? new PartitioningView(table.partitioning(), table.schema(), q) : null;
    }

    /** The view of one table; its columns must be known (read from the database for {@code columns: existing}). */
    public static TableView of(TableSpec table) {
        return new TableView(table, new SqlQuote());
    }

    private static String sourceColumn(SqlQuote q, TableSpec table, ColumnSpec column) {
        StringBuilder definition = new StringBuilder(q.id(column.name())).append(' ').append(column.type());
        if (!column.nullable()) {
            definition.append(" NOT NULL");
        }
        if (column.defaultExpression() != null) {
            definition.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (column.sequence() != null) {
            String sequence = q.table(table.schema(), column.sequence());
            definition.append(" DEFAULT nextval(").append(q.lit(sequence)).append(')');
        }
        if (column.identity() != null) {
            definition.append(" GENERATED ").append(column.identity().toUpperCase()).append(" AS IDENTITY");
        }
        return definition.toString();
    }

    /** What the trigger functions write into an audit column, as text for format(). */
    private static String auditValue(SqlQuote q, HistorySpec history, AuditColumn column) {
        AuditColumns audit = history.auditColumns();
        if (column == audit.id()) {
            return "pg_catalog.nextval(" + q.fmt(q.lit(q.table(history.schema(), history.idSequence()))) + "::regclass)";
        } else if (column == audit.operation()) {
            return "TG_OP";
        } else if (column == audit.at()) {
            return history.time().sql();
        } else if (column == audit.by()) {
            // The role that made the change, not the function's owner (current_user, in a SECURITY
            // DEFINER function): the role SET ROLE chose, else the session's. On a Citus worker the
            // session is the coordinator's connection, opened as the role in effect there.
            return "coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user)";
        } else if (column == audit.appUser()) {
            return "nullif(pg_catalog.current_setting(" + q.fmt(q.lit(column.setting())) + ", true), '')";
        } else if (column == audit.txid()) {
            return "pg_catalog.txid_current()";
        } else if (column == audit.gpid()) {
            return GPID_PLACEHOLDER;
        } else if (column == audit.image()) {
            return "image";
        }
        throw new IllegalArgumentException("not an audit column of " + history.table() + ": " + column);
    }

    /**
     * The as-of function needs a primary key, the id, operation and at columns, and the replaced
     * versions of rows (which {@code update: new} does not keep).
     */
    private AsOf asOf(SqlQuote q, TableSpec table) {
        HistorySpec spec = table.history();
        AuditColumns audit = spec.auditColumns();
        if (primaryKey.isEmpty() || audit.id() == null || audit.operation() == null || audit.at() == null
                || !spec.keepsReplacedVersions()) {
            return null;
        }
        String resultColumns = String.join(", ", table.auditedColumns().stream()
                .map(c -> q.id(c.name()) + " " + c.type()).toList());
        return new AsOf(q.table(spec.schema(), spec.asOfFunctionName()) + "(" + audit.at().type() + ")", resultColumns,
                q.id(audit.at().name()), q.id(audit.operation().name()), q.id(audit.id().name()),
                updateRecordsBoth ? q.id(Objects.requireNonNull(audit.image(), "image column").name()) : null);
    }

    /** The audited table, {@code shard6.account}. */
    public String source() {
        return source;
    }

    /** The history table, {@code shard6.account_hist}. */
    public String history() {
        return history;
    }

    /** The schema of the history table, its trigger function and as-of function, as the catalog holds it. */
    public String historySchemaName() {
        return historySchemaName;
    }

    /** The trigger function, without parentheses: {@code shard6.account_audit}. */
    public String function() {
        return function;
    }

    /** The trigger function's name, also the prefix of placement mode's {@code <function>_<shardid>}. */
    public String functionName() {
        return functionName;
    }

    /** The trigger's name, as the catalog holds it; {@code $q.id} for SQL. */
    public String triggerName() {
        return triggerName;
    }

    /** The sequence of history ids, {@code shard6.account_hist_account_hist_id_seq}, or null without an id column. */
    public String idSequence() {
        return idSequence;
    }

    /** The as-of function's name, as the catalog holds it (there may be one whatever the spec says now). */
    public String asOfFunctionName() {
        return asOfFunctionName;
    }

    /** The source table's column definitions, {@code account_id bigint NOT NULL DEFAULT ...}. */
    public List<String> sourceColumns() {
        return sourceColumns;
    }

    /** The primary key's columns, {@code account_id, client_id}, or null without one. */
    public String sourcePrimaryKey() {
        return sourcePrimaryKey;
    }

    /** The primary key's columns, one by one (empty without one). */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /**
     * The history table's column definitions: the audit columns (the id from its sequence; id,
     * operation and at NOT NULL), then every audited source column, only the distribution column NOT
     * NULL so that history keeps rows whatever the source allows later.
     */
    public List<String> historyColumns() {
        return historyColumns;
    }

    /** The history table's primary key, {@code account_hist_id, client_id}, or null without an id column. */
    public String historyPrimaryKey() {
        return historyPrimaryKey;
    }

    /**
     * The history columns an older history table may lack, in table order: every audit column but
     * the id, then every audited source column.
     */
    public List<AddableColumn> addableHistoryColumns() {
        return addableHistoryColumns;
    }

    /** The source columns copied into history rows, in source order. */
    public List<String> auditedColumns() {
        return auditedColumns;
    }

    /** The same columns' names as the catalog holds them, for literals. */
    public List<String> auditedColumnNames() {
        return auditedColumnNames;
    }

    /** The source columns history does not copy, their names as the catalog holds them, for literals. */
    public List<String> excludedColumnNames() {
        return excludedColumnNames;
    }

    /**
     * The distribution column's name as the catalog holds it, for literals; null without one. History
     * holds it NOT NULL (and on Citus is distributed by it), so a history row cannot do without it.
     */
    public String distributionColumnName() {
        return distributionColumnName;
    }

    /** The column list of the history INSERT, as text for format() (every % doubled). */
    public String insertColumns() {
        return insertColumns;
    }

    /**
     * The values of the history INSERT, the audited columns from {@code v1, v2, ...} (the row taken by
     * name into variables of its history columns' types after a migration, see
     * templates/common/history-insert.vm), as text
     * for format(): every % doubled,
     * and {@code %2$s} where the expression of the session's global process id goes (only with
     * {@link #recordsGpid()}).
     */
    public String insertValues() {
        return insertValues;
    }

    /**
     * The values of the history INSERT with the audited columns named in the row itself,
     * {@code r.<column>} (the usual path of templates/common/history-insert.vm), as text for
     * format() like {@link #insertValues()}.
     */
    public String rowInsertValues() {
        return rowInsertValues;
    }

    /** The trigger's events: {@code INSERT OR UPDATE OR DELETE}. */
    public String events() {
        return events;
    }

    /** The {@code pg_trigger.tgtype} of the AFTER ... FOR EACH ROW trigger on these events. */
    public int tgtype() {
        return tgtype;
    }

    /** How {@link #tgtype()} adds up: {@code FOR EACH ROW 1 + INSERT 4 + ...; AFTER sets no bit}. */
    public String tgtypeBits() {
        return tgtypeBits;
    }

    /** Whether the history has a gpid column, filled from an expression known only on the server. */
    public boolean recordsGpid() {
        return recordsGpid;
    }

    /** Whether the history has an image column ({@code old} or {@code new}). */
    public boolean recordsImage() {
        return recordsImage;
    }

    /** Whether an UPDATE records the version it replaced (update: old or both); else the version it wrote. */
    public boolean updateRecordsOld() {
        return updateRecordsOld;
    }

    /** Whether an UPDATE records both versions, old then new (update: both). */
    public boolean updateRecordsBoth() {
        return updateRecordsBoth;
    }

    /** Whether an UPDATE that changes no audited column records nothing. */
    public boolean skipsUnchangedUpdates() {
        return skipsUnchangedUpdates;
    }

    /** The roles that may read the history (granted SELECT), as the catalog names them; quote with {@code $q.id}. */
    public List<String> readers() {
        return readers;
    }

    /** The as-of function, or null when the history cannot tell how a row was at a time. */
    public AsOf asOf() {
        return asOf;
    }

    /** Whether the table is partitioned: its rows land in its partitions (on Citus, in their shards). */
    public boolean partitioned() {
        return partitioning != null;
    }

    /** The table's partition key and the partitions the spec declares; null when it is not partitioned. */
    public PartitioningView partitioning() {
        return partitioning;
    }

    /** How the history is partitioned by time; null when it is one table. */
    public HistoryPartitionsView historyPartitioning() {
        return historyPartitioning;
    }
}
