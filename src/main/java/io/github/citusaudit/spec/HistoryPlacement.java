package io.github.citusaudit.spec;

import java.util.Optional;
import java.util.Set;

/**
 * Where a history table can go when distributed schemas are involved. Citus colocates a table of a
 * distributed schema only with the other tables of that schema (create_distributed_table's
 * colocate_with refuses it), and makes every table created in a distributed schema a single-shard
 * table of that schema: so a history table must be in its source's distributed schema, and in no
 * other one. The spec applies the rule to the schemas it declares distributed, apply to those the
 * database has as well.
 */
public final class HistoryPlacement {

    private HistoryPlacement() {
    }

    /** Why the history of {@code table} cannot be colocated with it, given the distributed schemas; empty when it can. */
    public static Optional<String> problem(TableSpec table, Set<String> distributedSchemas) {
        HistorySpec history = table.history();
        if (history.schema().equals(table.schema())) {
            return Optional.empty();
        }
        if (distributedSchemas.contains(table.schema())) {
            return Optional.of("the history of table '" + table.name() + "' must be in its distributed schema '"
                    + table.schema() + "', not in '" + history.schema() + "': Citus colocates a table of a distributed"
                    + " schema only with the other tables of that schema (leave out the history's 'schema')");
        }
        if (distributedSchemas.contains(history.schema())) {
            return Optional.of("the history of table '" + table.name() + "' cannot be in distributed schema '"
                    + history.schema() + "': Citus would make it a single-shard table of that schema, not colocated with '"
                    + table.name() + "' (put it in '" + table.schema() + "' or in a schema that is not distributed)");
        }
        return Optional.empty();
    }
}
