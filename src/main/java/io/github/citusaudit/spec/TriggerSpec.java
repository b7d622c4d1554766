package io.github.citusaudit.spec;

import java.util.List;
import java.util.Set;

/**
 * A custom row trigger ({@code triggers:} in the spec): on {@code table}, it runs {@code body}, SQL
 * over NEW and OLD that writes to colocated tables named through placeholders ({@code {{big}}}). The
 * tables are the user's: they exist before apply, which creates only the function and the trigger.
 *
 * @param name               the trigger's name, also its function's unless {@code function} says otherwise
 * @param schema             the table's schema, also the function's
 * @param table              the table the trigger is on
 * @param distributionColumn the table's distribution column, which the body must keep for a static branch
 * @param timing             AFTER or BEFORE
 * @param events             the row events that fire it
 * @param when               the trigger's WHEN condition as written, or null
 * @param targets            the colocated tables the body writes, by placeholder, in spec order
 * @param body               the PL/pgSQL statements as written (placeholders included)
 * @param routing            how apply routes the body's writes (see {@link Routing})
 * @param staticRouting      why the body keeps the row's distribution value, or where it cannot be shown to
 * @param location           where the trigger is declared, for problems only the database can tell
 * @param tableLocation      where its table is named
 */
public record TriggerSpec(String name, String schema, String table, String function, String distributionColumn,
        Timing timing, Set<Operation> events, String when, List<TargetSpec> targets, String body, Routing routing,
        StaticRouting.Verdict staticRouting, SourceLocation location, SourceLocation tableLocation) {

    public TriggerSpec {
        events = Set.copyOf(events);
        targets = List.copyOf(targets);
    }

    /** When the trigger fires, relative to the row change. */
    public enum Timing {
        AFTER,
        BEFORE
    }

    /**
     * How the body's writes reach the targets: {@code AUTO} takes the static branch per shard pair when
     * the body can be shown to keep the row's distribution value and the distributed tables otherwise;
     * {@code STATIC} refuses the spec when it cannot be shown; {@code DISTRIBUTED} always writes through
     * the distributed tables (a round trip through Citus per statement).
     */
    public enum Routing {
        AUTO,
        STATIC,
        DISTRIBUTED
    }

    /**
     * A colocated table the body writes through {@code {{placeholder}}}.
     *
     * @param distributionColumn its distribution column, which must get the trigger row's value
     */
    public record TargetSpec(String placeholder, String schema, String table, String distributionColumn,
            SourceLocation location) {

        public String tableName() {
            return schema + "." + table;
        }
    }

    /** Whether the function has a static branch per shard pair (else only the distributed fallback). */
    public boolean routedStatically() {
        return routing != Routing.DISTRIBUTED && staticRouting.shown();
    }

    public InstalledTrigger installedTrigger() {
        return new InstalledTrigger(schema, table, name, schema, function);
    }

    public String tableName() {
        return schema + "." + table;
    }
}
