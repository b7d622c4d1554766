package io.github.citusaudit.spec;

import java.util.List;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a table's {@code distribution}: the word {@code reference} or {@code local}, or a mapping
 * with the hash distribution column. Whether that column exists is for {@link TableChecks}, which
 * sees the columns too.
 */
record DistributionReader(SpecProblems problems) {

    static final List<String> KEYS = List.of("column", "shardCount", "colocateWith");

    /** The distribution of {@code table}; a missing or wrong one is reported and read as local, so reading goes on. */
    Distribution read(YamlMap table, String what) {
        Node node = table.get("distribution");
        if (node == null || YamlMap.isNull(node)) {
            if (!table.misspelt("distribution")) {
                problems.add(table.node(), what + " needs 'distribution': a mapping with 'column', or 'reference', or 'local'");
            }
            return Distribution.LOCAL;
        }
        if (node instanceof ScalarNode scalar) {
            return switch (scalar.getValue()) {
                case "reference" -> Distribution.REFERENCE;
                case "local" -> Distribution.LOCAL;
                default -> {
                    problems.add(node, "'distribution' of " + what + " must be 'reference', 'local' or a mapping with 'column'"
                            + DidYouMean.hint(scalar.getValue(), List.of("reference", "local")));
                    yield Distribution.LOCAL;
                }
            };
        }
        String where = "the distribution of " + what;
        YamlMap map = YamlMap.of(problems, node, where, KEYS);
        String column = map.requiredString("column", where);
        Integer shardCount = map.integer("shardCount", where, 1, 64000);
        String colocateWith = map.string("colocateWith", where);
        // Without colocateWith Citus colocates by its own default; saying so keeps the record complete.
        return new Distribution(DistributionKind.HASH, column, shardCount, colocateWith == null ? "default" : colocateWith);
    }
}
