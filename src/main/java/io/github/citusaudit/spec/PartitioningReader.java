package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a table's {@code partitionBy}: the partition column, the strategy, and the partitions to
 * create with the table, each with the bound its strategy takes. Whether the column is a column of
 * the table is for {@link PartitioningChecks}, which sees the columns too.
 */
record PartitioningReader(SpecProblems problems, NameChecks names) {

    static final List<String> KEYS = List.of("column", "type", "partitions");
    static final List<String> PARTITION_KEYS = List.of("name", "from", "to", "in", "modulus", "remainder", "default");
    private static final List<String> STRATEGIES = List.of("range", "list", "hash");

    /** A partitioning with where its column was written, for the checks that need the table's columns. */
    record Read(Partitioning partitioning, Node column) {
    }

    /** The partitioning of {@code table}, or null when it has no {@code partitionBy} (or a wrong one, reported). */
    Read read(YamlMap table, String what) {
        if (!table.has("partitionBy")) {
            return null;
        }
        String where = "'partitionBy' of " + what;
        YamlMap map = YamlMap.of(problems, table.get("partitionBy"), where, KEYS);
        String column = map.requiredString("column", where);
        Partitioning.Strategy strategy = strategy(map, where);
        List<PartitionSpec> partitions = partitions(map, strategy, what);
        return column == null ? null : new Read(new Partitioning(strategy, column, partitions), map.get("column"));
    }

    /** {@code type}: range unless it says list or hash. */
    private Partitioning.Strategy strategy(YamlMap map, String where) {
        String type = map.string("type", where);
        if (type == null) {
            return Partitioning.Strategy.RANGE;
        }
        if (!STRATEGIES.contains(type.toLowerCase(Locale.ROOT))) {
            problems.add(map.get("type"), "'type' of " + where + " must be range, list or hash, not '" + type + "'"
                    + DidYouMean.hint(type, STRATEGIES));
            return Partitioning.Strategy.RANGE;
        }
        return Partitioning.Strategy.valueOf(type.toUpperCase(Locale.ROOT));
    }

    private List<PartitionSpec> partitions(YamlMap map, Partitioning.Strategy strategy, String what) {
        List<PartitionSpec> partitions = new ArrayList<>();
        Node node = map.get("partitions");
        if (node == null || YamlMap.isNull(node)) {
            return partitions;
        }
        if (!(node instanceof SequenceNode list)) {
            problems.add(node, "'partitions' of " + what + " must be a list of partitions, e.g. [{name: t_2026_01, from:"
                    + " '2026-01-01', to: '2026-02-01'}]");
            return partitions;
        }
        Set<String> seen = new HashSet<>();
        boolean hasDefault = false;
        for (Node item : list.getValue()) {
            String where = "a partition of " + what;
            YamlMap partition = YamlMap.of(problems, item, where, PARTITION_KEYS);
            String name = partition.requiredString("name", where);
            if (name != null) {
                where = "partition '" + name + "' of " + what;
                names.written(partition.get("name"), name, "partition name");
                if (!seen.add(name)) {
                    problems.add(partition.get("name"), "partition '" + name + "' is declared twice in " + what);
                }
            }
            PartitionSpec read = bound(partition, strategy, name, where);
            if (read.isDefault()) {
                if (hasDefault) {
                    problems.add(partition.get("default"), what + " may have only one default partition");
                }
                hasDefault = true;
            }
            if (name != null) {
                partitions.add(read);
            }
        }
        return partitions;
    }

    /** The partition with the bound its table's strategy takes; keys of another strategy's bound are reported. */
    private PartitionSpec bound(YamlMap partition, Partitioning.Strategy strategy, String name, String where) {
        Boolean isDefault = partition.bool("default", where);
        boolean asDefault = isDefault != null && isDefault;
        List<String> expected = switch (strategy) {
            case RANGE -> asDefault ? List.of() : List.of("from", "to");
            case LIST -> asDefault ? List.of() : List.of("in");
            case HASH -> List.of("modulus", "remainder");
        };
        for (String key : List.of("from", "to", "in", "modulus", "remainder")) {
            if (partition.has(key) && !expected.contains(key)) {
                problems.add(partition.get(key), "'" + key + "' does not bound " + where + ": "
                        + (asDefault ? "a default partition takes the rows no other partition takes"
                                : "a " + strategy.word() + " partition takes " + words(expected)));
            }
        }
        if (asDefault && strategy == Partitioning.Strategy.HASH) {
            problems.add(partition.get("default"), where + " cannot be a default partition: hash partitioning has none");
        }
        for (String key : expected) {
            if (!partition.has(key) && !partition.misspelt(key)) {
                problems.add(partition.node(), where + " needs '" + key + "' (a " + strategy.word() + " partition takes "
                        + words(expected) + ")");
            }
        }
        String from = partition.string("from", where);
        String to = partition.string("to", where);
        List<String> in = partition.strings("in", where).stream().map(YamlMap.Located::value).toList();
        if (partition.has("in") && in.isEmpty()) {
            problems.add(partition.get("in"), "'in' of " + where + " must list at least one value");
        }
        Integer modulus = partition.integer("modulus", where, 1, Integer.MAX_VALUE);
        Integer remainder = partition.integer("remainder", where, 0, Integer.MAX_VALUE);
        if (modulus != null && remainder != null && remainder >= modulus) {
            problems.add(partition.get("remainder"), "'remainder' of " + where + " must be less than its modulus " + modulus);
        }
        return new PartitionSpec(name, asDefault, from, to, in, modulus, remainder);
    }

    private static String words(List<String> keys) {
        return keys.stream().map(k -> "'" + k + "'").reduce((a, b) -> a + " and " + b).orElse("");
    }
}
