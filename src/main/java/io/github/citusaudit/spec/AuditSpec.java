package io.github.citusaudit.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole, validated spec: the audited tables in the order they are installed, then the custom
 * triggers (on tables that exist, which the plugin does not create).
 */
public record AuditSpec(String source, List<TableSpec> tables, List<TriggerSpec> triggers) {

    public AuditSpec {
        tables = List.copyOf(tables);
        triggers = List.copyOf(triggers);
    }

    /** A spec of audited tables only. */
    public AuditSpec(String source, List<TableSpec> tables) {
        this(source, tables, List.of());
    }

    /** Every schema a table or history table lives in, in first-use order. */
    public Set<String> schemas() {
        Set<String> schemas = new LinkedHashSet<>();
        for (TableSpec table : tables) {
            schemas.add(table.schema());
            schemas.add(table.history().schema());
        }
        return schemas;
    }

    /** The schemas the spec declares distributed ({@code distributedSchema}), in first-use order. */
    public Set<String> distributedSchemas() {
        Set<String> schemas = new LinkedHashSet<>();
        tables.stream().filter(t -> t.distribution().inDistributedSchema()).forEach(t -> schemas.add(t.schema()));
        return schemas;
    }

    public Optional<TableSpec> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public AuditSpec withTables(List<TableSpec> resolved) {
        return new AuditSpec(source, resolved, triggers);
    }
}
