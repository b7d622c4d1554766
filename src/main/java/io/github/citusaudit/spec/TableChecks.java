package io.github.citusaudit.spec;

import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The rules within one table that need both its columns and its history: the distribution column,
 * primary key and excluded columns must be columns of the table, and audit columns must not take
 * a source column's name. A table with {@code columns: existing} has its columns checked against the
 * database later, so only the rules that do not need them apply here.
 */
record TableChecks(SpecProblems problems) {

    /**
     * {@code map} is the table as written, {@code primaryKey} and {@code excluded} its key and excluded
     * columns where they were written, {@code what} is "table 'x'".
     */
    void check(YamlMap map, TableSpec table, List<YamlMap.Located<String>> primaryKey,
            List<YamlMap.Located<String>> excluded, String what) {
        Distribution distribution = table.distribution();
        boolean hashed = distribution.isHash() && distribution.column() != null;
        if (hashed && !table.existingColumns() && table.column(distribution.column()).isEmpty()) {
            notAColumn(map.locate("distribution"), "distribution column", distribution.column(), table, what);
        }
        if (hashed && !primaryKey.isEmpty() && primaryKey.stream().noneMatch(k -> k.value().equals(distribution.column()))) {
            problems.add(map.get("primaryKey"), "the primary key of " + what + " must include the distribution column '"
                    + distribution.column() + "' (Citus refuses unique constraints without it)");
        }
        if (table.existingColumns() && !primaryKey.isEmpty()) {
            problems.add(map.get("primaryKey"), "'primaryKey' of " + what + " has no effect with 'columns: existing'; the table is not created by the plugin");
        }
        if (!table.existingColumns()) {
            for (YamlMap.Located<String> key : primaryKey) {
                if (table.column(key.value()).isEmpty()) {
                    notAColumn(key.node(), "primary key column", key.value(), table, what);
                }
            }
            for (YamlMap.Located<String> column : excluded) {
                if (table.column(column.value()).isEmpty()) {
                    notAColumn(column.node(), "excluded column", column.value(), table, what);
                }
            }
            checkAuditColumnsAgainstSource(map, table, what);
        }
        for (YamlMap.Located<String> column : excluded) {
            if (column.value().equals(distribution.column())) {
                problems.add(column.node(), "the distribution column '" + distribution.column()
                        + "' cannot be excluded: the history table is distributed on it");
            }
        }
        List<String> auditNames = table.history().auditColumns().present().stream().map(AuditColumn::name).toList();
        if (auditNames.stream().distinct().count() != auditNames.size()) {
            problems.add(map.locate("history"), "two audit columns of " + what + " have the same name");
        }
    }

    /** A history row holds the audited source columns and the audit columns side by side, so their names must differ. */
    private void checkAuditColumnsAgainstSource(YamlMap map, TableSpec table, String what) {
        HistorySpec history = table.history();
        for (AuditColumn audit : history.auditColumns().present()) {
            if (table.column(audit.name()).filter(c -> !history.excludedColumns().contains(c.name())).isPresent()) {
                problems.add(map.locate("history"), "audit column '" + audit.name() + "' of " + what
                        + " has the name of a source column; rename one of them"
                        + (audit == history.auditColumns().image() ? " (with update: both the image column is '"
                                + Naming.DEFAULT_IMAGE_COLUMN + "' unless columns.image names another)" : ""));
            }
        }
    }

    private void notAColumn(Node at, String role, String name, TableSpec table, String what) {
        problems.add(at, role + " '" + name + "' is not a column of " + what
                + DidYouMean.hint(name, table.columns().stream().map(ColumnSpec::name).toList()));
    }
}
