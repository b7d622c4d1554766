package io.github.citusaudit.spec;

import java.util.List;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry of {@code tables}: its name and schema, then each section through its reader, then
 * the rules that need the whole table ({@link TableChecks}). It declares the table and its history
 * to the {@link SpecCrossChecks}, which compare tables once all are read.
 */
final class TableReader {

    static final List<String> KEYS = List.of("name", "schema", "distributedSchema", "distribution", "columns", "primaryKey",
            "partitionBy", "history");

    private final SpecProblems problems;
    private final NameChecks names;
    private final SpecCrossChecks crossChecks;
    private final DistributionReader distributionReader;
    private final ColumnsReader columnsReader;
    private final HistoryReader historyReader;
    private final TableChecks tableChecks;
    private final PartitioningReader partitioningReader;
    private final PartitioningChecks partitioningChecks;

    TableReader(SpecProblems problems, NameChecks names, SpecCrossChecks crossChecks) {
        this.problems = problems;
        this.names = names;
        this.crossChecks = crossChecks;
        this.distributionReader = new DistributionReader(problems);
        this.columnsReader = new ColumnsReader(problems, names);
        this.historyReader = new HistoryReader(problems, names);
        this.tableChecks = new TableChecks(problems);
        this.partitioningReader = new PartitioningReader(problems, names);
        this.partitioningChecks = new PartitioningChecks(problems);
    }

    /**
     * The table, or null when it has no name or no schema: without them nothing else can be told about it.
     * {@code defaultDistributedSchema} is the top level's {@code distributedSchema}, which a table's own overrides.
     */
    TableSpec read(Node node, String defaultSchema, boolean defaultDistributedSchema) {
        YamlMap map = YamlMap.of(problems, node, "a table", KEYS);
        String name = map.requiredString("name", "a table");
        String what = name == null ? "a table" : "table '" + name + "'";
        String schema = map.has("schema") ? map.string("schema", what) : defaultSchema;
        if (schema == null && map.has("name")) {
            problems.add(map.node(), what + " needs a 'schema' (here or at the top of the spec)");
        }
        if (name == null || schema == null) {
            return null;
        }
        names.written(map.get("name"), name, "table name");
        if (map.has("schema")) {
            names.written(map.get("schema"), schema, "schema");
        }
        crossChecks.declareTable(schema, name, map.get("name"));
        Boolean ownDistributedSchema = map.bool("distributedSchema", what);
        boolean distributedSchema = ownDistributedSchema == null ? defaultDistributedSchema : ownDistributedSchema;
        crossChecks.declareSchema(schema, distributedSchema, name, map.has("distributedSchema")
                ? map.get("distributedSchema") : map.get("name"));

        Node columnsNode = map.get("columns");
        // 'existing' leaves the columns to be read from the database: the list stays empty until then.
        boolean existing = columnsNode instanceof ScalarNode scalar && "existing".equals(scalar.getValue());
        Distribution distribution = distributionReader.read(map, what,
                new DistributionReader.Context(existing, distributedSchema ? schema : null));
        List<ColumnSpec> columns = existing ? List.of() : columns(map, what);
        List<YamlMap.Located<String>> primaryKey = map.strings("primaryKey", what);
        PartitioningReader.Read partitioning = partitioningReader.read(map, what);
        HistoryReader.Read history = historyReader.read(map, name, schema, what);
        TableSpec table = new TableSpec(schema, name, distribution, existing, columns,
                primaryKey.stream().map(YamlMap.Located::value).toList(), history.history(),
                partitioning == null ? null : partitioning.partitioning());
        crossChecks.declareHistory(table.history(), map.has("history") ? map.get("history") : map.node());
        tableChecks.check(map, table, primaryKey, history.excluded(), what);
        partitioningChecks.check(map, table, partitioning, primaryKey, what);
        return table;
    }

    /** The columns of a table that lists them; anything but a list (or 'existing') is reported. */
    private List<ColumnSpec> columns(YamlMap map, String what) {
        Node node = map.get("columns");
        if (node == null || YamlMap.isNull(node)) {
            if (!map.misspelt("columns")) {
                problems.add(map.node(), what + " needs 'columns': a list of columns, or 'existing' to read them from the database");
            }
        } else if (node instanceof ScalarNode scalar) {
            problems.add(node, "'columns' of " + what + " must be a list of columns or the word 'existing'"
                    + DidYouMean.hint(scalar.getValue(), List.of("existing")));
        } else if (node instanceof SequenceNode list) {
            return columnsReader.read(list, what);
        } else {
            problems.add(node, "'columns' of " + what + " must be a list of columns or the word 'existing'");
        }
        return List.of();
    }
}
