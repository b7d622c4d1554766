package io.github.citusaudit.spec;

import java.util.List;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a table's {@code distribution}: the word {@code reference}, {@code single-shard} or
 * {@code local}, or a mapping with the hash distribution column (or {@code singleShard: true}).
 * It may be left out in a distributed schema, where Citus decides (every table there is
 * single-shard), and with {@code columns: existing}, where it is read from the database. Whether the
 * column exists is for {@link TableChecks}, which sees the columns too.
 */
record DistributionReader(SpecProblems problems) {

    static final List<String> KEYS = List.of("column", "shardCount", "colocateWith", "singleShard");
    static final List<String> WORDS = List.of("reference", "single-shard", "local");

    /**
     * Where the table is, as far as its distribution goes.
     *
     * @param existingColumns the table exists already ({@code columns: existing}): what is not declared is read
     * @param distributedSchema the table's schema when the spec declares it distributed, else null
     */
    record Context(boolean existingColumns, String distributedSchema) {
    }

    /** The distribution of {@code table}; a missing or wrong one is reported and read as local, so reading goes on. */
    Distribution read(YamlMap table, String what, Context context) {
        Node node = table.get("distribution");
        if (node == null || YamlMap.isNull(node)) {
            return undeclared(table, what, context);
        }
        Distribution distribution = declared(node, what);
        if (context.distributedSchema() == null) {
            return distribution;
        }
        if (!isSchemaDefault(distribution)) {
            problems.add(node, what + " is in distributed schema '" + context.distributedSchema() + "', where Citus makes"
                    + " every table a single-shard table colocated with the schema's others: leave out 'distribution'");
        }
        return Distribution.DISTRIBUTED_SCHEMA;
    }

    /** No 'distribution': Citus decides in a distributed schema, the database tells for an existing table. */
    private Distribution undeclared(YamlMap table, String what, Context context) {
        if (context.distributedSchema() != null) {
            return Distribution.DISTRIBUTED_SCHEMA;
        }
        if (context.existingColumns()) {
            return Distribution.EXISTING;
        }
        if (!table.misspelt("distribution")) {
            problems.add(table.node(), what + " needs 'distribution': a mapping with 'column', or 'reference', 'single-shard'"
                    + " or 'local' (it may be left out with 'columns: existing' or in a distributed schema)");
        }
        return Distribution.LOCAL;
    }

    private Distribution declared(Node node, String what) {
        if (node instanceof ScalarNode scalar) {
            return switch (scalar.getValue()) {
                case "reference" -> Distribution.REFERENCE;
                case "single-shard" -> Distribution.singleShard("default");
                case "local" -> Distribution.LOCAL;
                default -> {
                    problems.add(node, "'distribution' of " + what + " must be 'reference', 'single-shard', 'local' or a"
                            + " mapping with 'column'" + DidYouMean.hint(scalar.getValue(), WORDS));
                    yield Distribution.LOCAL;
                }
            };
        }
        String where = "the distribution of " + what;
        YamlMap map = YamlMap.of(problems, node, where, KEYS);
        Boolean singleShard = map.bool("singleShard", where);
        // Without colocateWith Citus colocates by its own default; saying so keeps the record complete.
        String colocateWith = map.stringOr("colocateWith", where, "default");
        if (Boolean.TRUE.equals(singleShard)) {
            for (String key : List.of("column", "shardCount")) {
                if (map.has(key)) {
                    problems.add(map.get(key), "'" + key + "' does not go with 'singleShard: true' in " + where
                            + ": a single-shard table has one shard and no distribution column");
                }
            }
            return Distribution.singleShard(colocateWith);
        }
        String column = map.requiredString("column", where);
        Integer shardCount = map.integer("shardCount", where, 1, 64000);
        return new Distribution(DistributionKind.HASH, column, shardCount, colocateWith);
    }

    /** What a distributed schema makes of a table anyway: single-shard, colocated with the schema's others. */
    private static boolean isSchemaDefault(Distribution distribution) {
        return distribution.kind() == DistributionKind.SINGLE_SHARD && "default".equals(distribution.colocateWith());
    }
}
