package io.github.citusaudit.spec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The rules between tables: a table declared twice, history tables that collide with each other or
 * with an audited table, colocation with tables that are not there (or not yet). The records no
 * longer know where they were written, so the readers declare each table and history here as they
 * go, and the problems point back at those places.
 */
final class SpecCrossChecks {

    private final SpecProblems problems;
    /** Where each audited table ({@code schema.name}) is named; the last declaration if twice. */
    private final Map<String, Node> tableNodes = new LinkedHashMap<>();
    /** Where each history table ({@code schema.name}) is declared; the last declaration if shared. */
    private final Map<String, Node> historyNodes = new HashMap<>();

    SpecCrossChecks(SpecProblems problems) {
        this.problems = problems;
    }

    /** Notes an audited table where its name stands, reporting it if it was declared already. */
    void declareTable(String schema, String name, Node nameNode) {
        String key = schema + "." + name;
        if (tableNodes.containsKey(key)) {
            problems.add(nameNode, "table '" + name + "' is declared twice");
        }
        tableNodes.put(key, nameNode);
    }

    /** Notes where a history table was declared: its 'history' mapping, or the table if it has none. */
    void declareHistory(HistorySpec history, Node at) {
        historyNodes.put(historyKey(history), at);
    }

    /** Runs once every table is read: the rules need all of them. */
    void check(List<TableSpec> tables) {
        for (TableSpec table : tables) {
            checkHistoryName(tables, table);
            checkColocation(tables, table);
        }
    }

    private void checkHistoryName(List<TableSpec> tables, TableSpec table) {
        String historyKey = historyKey(table.history());
        if (tableNodes.containsKey(historyKey)) {
            problems.add(historyNodes.get(historyKey), "history table '" + table.history().table() + "' of table '"
                    + table.name() + "' has the name of an audited table");
        }
        // Tables declared twice are reported as such; their shared history name follows from it.
        List<TableSpec> sharing = tables.stream().filter(t -> historyKey(t.history()).equals(historyKey)).toList();
        long sources = sharing.stream().map(t -> t.schema() + "." + t.name()).distinct().count();
        // Reported for each table but the first that uses the name.
        if (sources > 1 && sharing.get(0) != table) {
            problems.add(historyNodes.get(historyKey), "history table '" + table.history().table()
                    + "' is used by more than one table");
        }
    }

    /** Citus colocates with a table that is already distributed, so the target must be read before it. */
    private void checkColocation(List<TableSpec> tables, TableSpec table) {
        String colocateWith = table.distribution().colocateWith();
        if (!table.distribution().isHash() || colocateWith == null || List.of("default", "none").contains(colocateWith)) {
            return;
        }
        boolean known = tables.stream().anyMatch(t -> isNamed(t, colocateWith));
        boolean before = tables.subList(0, tables.indexOf(table)).stream().anyMatch(t -> isNamed(t, colocateWith));
        Node at = tableNodes.get(table.schema() + "." + table.name());
        if (!known) {
            problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                    + "', which is not a table of this spec" + DidYouMean.hint(colocateWith,
                            tables.stream().map(TableSpec::name).toList()) + "; use 'default', 'none' or a table above it");
        } else if (!before) {
            problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                    + "', which must be declared above it");
        }
    }

    /** A colocation target may be written with or without its schema. */
    private static boolean isNamed(TableSpec table, String reference) {
        return table.name().equals(reference) || (table.schema() + "." + table.name()).equals(reference);
    }

    private static String historyKey(HistorySpec history) {
        return history.schema() + "." + history.table();
    }
}
