package io.github.citusaudit.spec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The rules between tables: a table declared twice, history tables that collide with each other or
 * with an audited table, colocation with tables that are not there (or not yet) or not distributed
 * alike, tables of one schema that disagree on whether it is distributed, history tables that Citus
 * could not colocate because of a distributed schema. The records no
 * longer know where they were written, so the readers declare each table and history here as they
 * go, and the problems point back at those places.
 */
final class SpecCrossChecks {

    private final SpecProblems problems;
    /** Where each audited table ({@code schema.name}) is named; the last declaration if twice. */
    private final Map<String, Node> tableNodes = new LinkedHashMap<>();
    /** Where each history table ({@code schema.name}) is declared; the last declaration if shared. */
    private final Map<String, Node> historyNodes = new HashMap<>();
    /** Whether each schema is distributed, as the first table in it says. */
    private final Map<String, SchemaDeclaration> schemas = new HashMap<>();

    /** What the first table of a schema said of it: whether it is distributed. */
    private record SchemaDeclaration(boolean distributed, String table) {
    }

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

    /**
     * Notes whether a table's schema is distributed; tables of one schema must agree, or the spec
     * would say two things of it. {@code at} is where the table said it (or its name).
     */
    void declareSchema(String schema, boolean distributed, String table, Node at) {
        SchemaDeclaration first = schemas.putIfAbsent(schema, new SchemaDeclaration(distributed, table));
        if (first != null && first.distributed() != distributed) {
            String distributedIn = distributed ? table : first.table();
            String plainIn = distributed ? first.table() : table;
            problems.add(at, "schema '" + schema + "' is a distributed schema for table '" + distributedIn
                    + "' but not for table '" + plainIn + "': tables of one schema must agree (set 'distributedSchema'"
                    + " at the top, or on each of them)");
        }
    }

    /** Runs once every table is read: the rules need all of them. */
    void check(List<TableSpec> tables) {
        Set<String> distributedSchemas = schemas.entrySet().stream().filter(e -> e.getValue().distributed())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        // Which tables use each history name, in spec order: asked once per table (a scan per table was
        // quadratic: seconds for a spec of thousands of tables).
        Map<String, List<TableSpec>> byHistory = tables.stream().collect(Collectors.groupingBy(t -> historyKey(t.history()),
                LinkedHashMap::new, Collectors.toList()));
        for (TableSpec table : tables) {
            checkHistoryName(byHistory, table);
            checkColocation(tables, table);
            checkHistorySchema(table, distributedSchemas);
        }
    }

    /** A history table must be where Citus can colocate it: see {@link HistoryPlacement}. */
    private void checkHistorySchema(TableSpec table, Set<String> distributedSchemas) {
        HistoryPlacement.problem(table, distributedSchemas)
                .ifPresent(problem -> problems.add(historyNodes.get(historyKey(table.history())), problem));
    }

    private void checkHistoryName(Map<String, List<TableSpec>> byHistory, TableSpec table) {
        String historyKey = historyKey(table.history());
        if (tableNodes.containsKey(historyKey)) {
            problems.add(historyNodes.get(historyKey), "history table '" + table.history().table() + "' of table '"
                    + table.name() + "' has the name of an audited table");
        }
        // Tables declared twice are reported as such; their shared history name follows from it.
        List<TableSpec> sharing = byHistory.get(historyKey);
        long sources = sharing.stream().map(t -> t.schema() + "." + t.name()).distinct().count();
        // Reported for each table but the first that uses the name.
        if (sources > 1 && sharing.get(0) != table) {
            problems.add(historyNodes.get(historyKey), "history table '" + table.history().table()
                    + "' is used by more than one table");
        }
    }

    /**
     * Citus colocates with a table that is already distributed, so the target must be read before it;
     * and only tables distributed alike: hash with hash, single-shard with single-shard.
     */
    private void checkColocation(List<TableSpec> tables, TableSpec table) {
        Distribution distribution = table.distribution();
        String colocateWith = distribution.colocateWith();
        boolean colocates = distribution.isHash() || distribution.kind() == DistributionKind.SINGLE_SHARD;
        if (!colocates || colocateWith == null || List.of("default", "none").contains(colocateWith)) {
            return;
        }
        TableSpec target = tables.stream().filter(t -> isNamed(t, colocateWith)).findFirst().orElse(null);
        boolean before = tables.subList(0, tables.indexOf(table)).stream().anyMatch(t -> isNamed(t, colocateWith));
        Node at = tableNodes.get(table.schema() + "." + table.name());
        if (target == null) {
            problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                    + "', which is not a table of this spec" + DidYouMean.hint(colocateWith,
                            tables.stream().map(TableSpec::name).toList()) + "; use 'default', 'none' or a table above it");
        } else if (!before) {
            problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                    + "', which must be declared above it");
        } else if (target.distribution().kind() != distribution.kind() && !target.distribution().isExisting()) {
            problems.add(at, "table '" + table.name() + "' (" + distribution.describe() + ") cannot be colocated with '"
                    + colocateWith + "' (" + target.distribution().describe() + "): Citus colocates only tables"
                    + " distributed alike");
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
