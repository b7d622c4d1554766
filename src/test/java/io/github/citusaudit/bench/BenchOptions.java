package io.github.citusaudit.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's parameters, read from {@code bench.*} system properties so that one Maven command
 * line sets them ({@code -Dbench.rounds=5}).
 *
 * @param url coordinator JDBC URL; null takes {@code CITUS_URL}, else starts a throwaway local cluster
 * @param sections which parts run: write, custom (the custom trigger's write cost), apply, verify, generate, scale
 * @param writes writes in each measured phase, over all clients (one INSERT phase and one UPDATE phase per
 *        configuration and round)
 * @param rounds how many times every write configuration runs, interleaved
 * @param writeShapes whether the write section also measures the other table shapes (partitioned, reference,
 *        schema-sharded), each against an unaudited twin
 * @param writeVariants whether the write section also measures native mode's variants (where its cost goes)
 * @param clients concurrent JDBC clients writing
 * @param shards shard count of the write tables
 * @param applyTables table counts of the apply scale, at 32 shards
 * @param applyShards shard counts of the apply scale, at {@code shardScaleTables} tables
 * @param generateTables tables in the generate spec
 * @param scaleTables table counts of the scale section (32 shards each), on one set of tables made for the largest
 * @param scaleKeep whether the scale section keeps its tables at the end and reuses them when a run finds them
 *        (made by an earlier run with the same count and shards, on an external cluster): iterating without
 *        the minutes of making them
 */
record BenchOptions(String url, String user, String password, Set<String> sections, int writes, int rounds,
        boolean writeShapes, boolean writeVariants, int clients, int shards, List<Integer> applyTables, List<Integer> applyShards, int shardScaleTables, int generateTables,
        List<Integer> scaleTables, boolean scaleKeep, Path output) {

    static BenchOptions fromSystemProperties() {
        return new BenchOptions(
                property("bench.url", null),
                property("bench.user", null),
                property("bench.password", null),
                Set.copyOf(list("bench.sections", "generate,write,custom,apply,verify,scale")),
                Integer.parseInt(property("bench.writes", "16000")),
                Integer.parseInt(property("bench.rounds", "3")),
                Boolean.parseBoolean(property("bench.writeShapes", "true")),
                Boolean.parseBoolean(property("bench.writeVariants", "false")),
                Integer.parseInt(property("bench.clients", "4")),
                Integer.parseInt(property("bench.shards", "32")),
                list("bench.applyTables", "10,100").stream().map(Integer::parseInt).toList(),
                list("bench.applyShards", "8,32,128").stream().map(Integer::parseInt).toList(),
                Integer.parseInt(property("bench.shardScaleTables", "10")),
                Integer.parseInt(property("bench.generateTables", "5000")),
                list("bench.scaleTables", "10,50,100,250,500").stream().map(Integer::parseInt).toList(),
                Boolean.parseBoolean(property("bench.scaleKeep", "false")),
                Path.of(property("bench.output", "target/benchmarks")));
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    /** How the run was parameterised, as the -D flags that repeat it. */
    String commandLineFlags() {
        return "-Dbench.writes=" + writes + " -Dbench.rounds=" + rounds + " -Dbench.writeShapes=" + writeShapes + " -Dbench.writeVariants=" + writeVariants
                + " -Dbench.clients=" + clients + " -Dbench.shards=" + shards + " -Dbench.applyTables=" + join(applyTables)
                + " -Dbench.applyShards=" + join(applyShards) + " -Dbench.shardScaleTables=" + shardScaleTables
                + " -Dbench.generateTables=" + generateTables + " -Dbench.scaleTables=" + join(scaleTables) + " -Dbench.sections=" + String.join(",", sections.stream().sorted().toList());
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static List<String> list(String name, String fallback) {
        return Arrays.stream(property(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
