package io.github.citusaudit.spec;

/**
 * What apply puts on one table, whatever it is for: a row trigger on the table calling a function.
 * An audited table's ({@link TableSpec#installedTrigger()}) and a custom trigger's
 * ({@link TriggerSpec#installedTrigger()}) are asked about the same way: the function's text on
 * every node, the trigger on the table and on every shard placement, the branches per shard.
 *
 * @param schema         the table's schema
 * @param table          the table
 * @param triggerName    the trigger's name
 * @param functionSchema the function's schema
 * @param functionName   the function's name; it takes no arguments
 */
public record InstalledTrigger(String schema, String table, String triggerName, String functionSchema, String functionName) {

    /** {@code schema.table}, unquoted, as reports name a table. */
    public String tableName() {
        return schema + "." + table;
    }
}
