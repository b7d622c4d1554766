package io.github.citusaudit.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.Distribution;
import io.github.citusaudit.spec.DistributionKind;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.TableSpec;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * Which templates render, in which order, with what in their context. The order is the order of
 * dependencies: schemas, sequences, source tables and their distribution, history tables colocated
 * with them, trigger functions, triggers.
 */
public final class InstallPlan {

    private static final String CUSTOM_FUNCTION = "install/custom-trigger-function.sql.vm";

    /** Where run_command_on_placements and run_command_on_colocated_placements put the shard's name, as a literal. */
    private static final String SOURCE_SHARD = "%1$L";

    private final TemplateRenderer renderer;

    public InstallPlan(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** Whether this template is the bundled one (not replaced by a file in the user's template directory). */
    public boolean bundled(String template) {
        return renderer.bundled(template);
    }

    /** The statements that install the spec in native mode. */
    public List<RenderedStatement> install(AuditSpec spec) {
        return install(spec, TriggerMode.NATIVE);
    }

    /** The statements that install the spec. Tables with {@code columns: existing} must be resolved first. */
    public List<RenderedStatement> install(AuditSpec spec, TriggerMode mode) {
        List<RenderedStatement> statements = new ArrayList<>();
        for (String schema : spec.schemas()) {
            add(statements, schema, "schema", "install/schema.sql.vm", Map.of("schema", schema));
        }
        // Before any table is created in it: Citus then makes each one single-shard, colocated with the others.
        for (String schema : spec.distributedSchemas()) {
            add(statements, schema, "distributed schema", "install/distributed-schema.sql.vm", Map.of("schema", schema));
        }
        for (TableSpec table : spec.tables()) {
            if (table.existingColumns() && table.columns().isEmpty()) {
                throw new IllegalStateException("columns of " + table.schema() + "." + table.name()
                        + " must be read from the database before rendering");
            }
            if (table.distribution().isExisting()) {
                throw new IllegalStateException("the distribution of " + table.schema() + "." + table.name()
                        + " must be read from the database before rendering");
            }
            HistorySpec history = table.history();
            TableView view = TableView.of(table);
            String subject = table.schema() + "." + table.name();
            for (ColumnSpec column : table.columns()) {
                if (column.sequence() != null) {
                    add(statements, subject, "sequence " + column.sequence(), "install/sequence.sql.vm",
                            Map.of("schema", table.schema(), "sequence", column.sequence()));
                }
            }
            if (!table.existingColumns()) {
                add(statements, subject, "table", "install/source-table.sql.vm", Map.of("table", view));
            }
            if (view.partitioning() != null) {
                for (PartitioningView.Partition partition : view.partitioning().partitions()) {
                    add(statements, subject, "partition " + partition.table(), "install/partition.sql.vm",
                            Map.of("table", view, "partition", partition));
                }
            }
            if (distributedByThePlugin(table)) {
                add(statements, subject, "distribution", "install/distribute.sql.vm", distribution(spec, table));
            }
            if (history.idSequence() != null) {
                add(statements, subject, "history sequence", "install/sequence.sql.vm",
                        Map.of("schema", history.schema(), "sequence", history.idSequence()));
            }
            add(statements, subject, "history table", "install/history-table.sql.vm", Map.of("table", view));
            if (!view.addableHistoryColumns().isEmpty()) {
                add(statements, subject, "history columns", "install/history-columns.sql.vm", Map.of("table", view));
            }
            if (table.distribution().isReference()) {
                add(statements, subject, "history distribution", "install/reference-history.sql.vm", Map.of("table", view));
            } else if (distributedByThePlugin(table)) {
                add(statements, subject, "history distribution", "install/distribute.sql.vm", historyDistribution(table));
            }
            if (view.historyPartitioning() != null) {
                add(statements, subject, "history partitions", "install/history-partitions.sql.vm", Map.of("table", view));
            }
            if (!view.readers().isEmpty()) {
                add(statements, subject, "history readers", "install/history-readers.sql.vm", Map.of("table", view));
            }
            if (view.asOf() != null) {
                add(statements, subject, "as-of function", "install/as-of-function.sql.vm", Map.of("table", view));
            }
            if (mode == TriggerMode.PLACEMENT && table.distribution().isHash()) {
                add(statements, subject, "shard trigger functions", "placement/shard-functions.sql.vm", Map.of("table", view));
                add(statements, subject, "drop native trigger", "placement/drop-native-trigger.sql.vm", Map.of("table", view));
                add(statements, subject, "shard placement triggers", "placement/shard-triggers.sql.vm",
                        Map.of("table", view, "sourceShard", SOURCE_SHARD));
            } else {
                add(statements, subject, "trigger function", triggerFunctionTemplate(table),
                        Map.of("table", view, "verifyOnly", false));
                add(statements, subject, "trigger", "install/trigger.sql.vm", trigger(view, false));
            }
        }
        for (TriggerSpec trigger : spec.triggers()) {
            statements.addAll(install(trigger));
        }
        return statements;
    }

    /**
     * A custom trigger's function and trigger: always the native trigger, in every mode (a trigger
     * per placement would be lost by every move and split).
     */
    public List<RenderedStatement> install(TriggerSpec trigger) {
        List<RenderedStatement> statements = new ArrayList<>();
        TriggerView view = TriggerView.of(trigger);
        String subject = subject(trigger);
        add(statements, subject, "custom trigger function", CUSTOM_FUNCTION, Map.of("trigger", view, "verifyOnly", false));
        add(statements, subject, "custom trigger", "install/custom-trigger.sql.vm", Map.of("trigger", view, "force", false));
        return statements;
    }

    /** Re-creates a custom trigger even where the table's own looks right (a placement lost it). */
    public RenderedStatement recreateTrigger(TriggerSpec trigger) {
        String sql = renderer.render("install/custom-trigger.sql.vm", Map.of("trigger", TriggerView.of(trigger), "force", true));
        return new RenderedStatement(subject(trigger), "re-create custom trigger", "install/custom-trigger.sql.vm", sql);
    }

    /** For verify: what the custom trigger's function would be now, into citus_audit.expected_definition. */
    public RenderedStatement expectedFunctionDefinition(TriggerSpec trigger) {
        String sql = renderer.render(CUSTOM_FUNCTION, Map.of("trigger", TriggerView.of(trigger), "verifyOnly", true));
        return new RenderedStatement(subject(trigger), "expected custom trigger function", CUSTOM_FUNCTION, sql);
    }

    /** A custom trigger as statements name it: {@code shard7.little_vals trigger embiggen}. */
    private static String subject(TriggerSpec trigger) {
        return trigger.tableName() + " trigger " + trigger.name();
    }

    /** The propagateSetCommands target that means the whole database rather than roles. */
    public static final String WHOLE_DATABASE = "database";

    /**
     * Sets citus.propagate_set_commands = 'local' for the database ({@link #WHOLE_DATABASE}) or for
     * these roles in it, so that an application's SET LOCAL of its user reaches the workers.
     */
    public RenderedStatement propagateSetCommands(List<String> targets) {
        List<String> roles = targets.equals(List.of(WHOLE_DATABASE)) ? List.of() : targets;
        String sql = renderer.render("install/propagate-set-commands.sql.vm", Map.of("roles", roles));
        return new RenderedStatement(roles.isEmpty() ? "database" : "roles " + String.join(", ", roles),
                "propagate SET LOCAL to the workers", "install/propagate-set-commands.sql.vm", sql);
    }

    /** Re-creates the native trigger of these tables, even where the table's own trigger looks right. */
    public List<RenderedStatement> recreateTriggers(List<TableSpec> tables) {
        List<RenderedStatement> statements = new ArrayList<>();
        for (TableSpec table : tables) {
            add(statements, table.schema() + "." + table.name(), "re-create trigger", "install/trigger.sql.vm",
                    trigger(TableView.of(table), true));
        }
        return statements;
    }

    /** The native trigger's context; with {@code force} it is re-created even where it looks right. */
    private static Map<String, Object> trigger(TableView table, boolean force) {
        return Map.of("table", table, "sourceShard", SOURCE_SHARD, "force", force);
    }

    /**
     * A statement that computes, on the server, the definition the native trigger function of this
     * table would have, into the session setting {@code citus_audit.expected_definition}; it creates
     * nothing. For verify.
     */
    public RenderedStatement expectedFunctionDefinition(TableSpec table) {
        String template = triggerFunctionTemplate(table);
        String sql = renderer.render(template, Map.of("table", TableView.of(table), "verifyOnly", true));
        return new RenderedStatement(table.schema() + "." + table.name(), "expected trigger function", template, sql);
    }

    /**
     * The native trigger function's template. A reference table's records each change once, from the
     * coordinator's replica, where its history lives; every replica fires the trigger.
     */
    private static String triggerFunctionTemplate(TableSpec table) {
        return table.distribution().isReference() ? "install/reference-trigger-function.sql.vm" : "install/trigger-function.sql.vm";
    }

    /** The statements that remove triggers and functions; history tables stay unless {@code dropHistory}. */
    public List<RenderedStatement> uninstall(AuditSpec spec, boolean dropHistory) {
        List<RenderedStatement> statements = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            String subject = table.schema() + "." + table.name();
            TableView view = TableView.of(table);
            Map<String, Object> values = Map.of("table", view);
            add(statements, subject, "drop placement triggers", "uninstall/drop-placement-triggers.sql.vm",
                    Map.of("table", view, "sourceShard", SOURCE_SHARD));
            add(statements, subject, "drop trigger", "uninstall/drop-trigger.sql.vm", values);
            add(statements, subject, "drop trigger function", "uninstall/drop-function.sql.vm", values);
            add(statements, subject, "drop as-of function", "uninstall/drop-as-of-function.sql.vm", values);
            if (dropHistory) {
                add(statements, subject, "drop history table", "uninstall/drop-history.sql.vm", values);
            }
        }
        for (TriggerSpec trigger : spec.triggers()) {
            // The audit's templates: a TriggerView names the table, trigger and function as a TableView does.
            Map<String, Object> values = Map.of("table", TriggerView.of(trigger));
            add(statements, subject(trigger), "drop custom trigger", "uninstall/drop-trigger.sql.vm", values);
            add(statements, subject(trigger), "drop custom trigger function", "uninstall/drop-function.sql.vm", values);
        }
        return statements;
    }

    /**
     * Whether apply distributes the table and its history. Not a local table, and not one of a
     * distributed schema: there CREATE TABLE makes both single-shard tables, colocated.
     */
    private static boolean distributedByThePlugin(TableSpec table) {
        return !table.distribution().isLocal() && !table.distribution().inDistributedSchema();
    }

    private Map<String, Object> distribution(AuditSpec spec, TableSpec table) {
        Distribution distribution = table.distribution();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("schema", table.schema());
        values.put("name", table.name());
        values.put("distribution", distribution);
        values.put("colocateWith", colocationTarget(spec, table));
        values.put("history", new SqlQuote().table(table.history().schema(), table.history().table()));
        values.put("trigger", TableView.of(table).triggerName());
        return values;
    }

    private Map<String, Object> historyDistribution(TableSpec table) {
        HistorySpec history = table.history();
        Distribution source = table.distribution();
        Distribution distribution = source.isHash()
                ? new Distribution(DistributionKind.HASH, source.column(), null, null)
                : source;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("schema", history.schema());
        values.put("name", history.table());
        values.put("distribution", distribution);
        // Colocated with its source so that each history shard sits beside the shard it records.
        values.put("colocateWith", new SqlQuote().table(table.schema(), table.name()));
        return values;
    }

    /** What create_distributed_table's colocate_with gets: 'default', 'none' or a qualified table name. */
    private static String colocationTarget(AuditSpec spec, TableSpec table) {
        String colocateWith = table.distribution().colocateWith();
        if (colocateWith == null || colocateWith.equals("default") || colocateWith.equals("none")) {
            return colocateWith == null ? "default" : colocateWith;
        }
        return spec.tables().stream()
                .filter(t -> t.name().equals(colocateWith) || (t.schema() + "." + t.name()).equals(colocateWith))
                .findFirst()
                .map(t -> new SqlQuote().table(t.schema(), t.name()))
                .orElseThrow(() -> new IllegalStateException("colocation target " + colocateWith + " not in spec"));
    }

    private void add(List<RenderedStatement> statements, String subject, String step, String template, Map<String, Object> values) {
        String sql = renderer.render(template, values);
        if (!sql.isEmpty()) {
            statements.add(new RenderedStatement(subject, step, template, sql));
        }
    }
}
