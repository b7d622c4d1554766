package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;

/**
 * Specs written for the benchmark: tables of four small columns, each audited with the default
 * history columns (history_id, operation, changed_at, changed_by, then the source columns, in that
 * order: the recipe's function relies on it). Most are hash-distributed on {@code tenant} with the
 * given shard count; the write cost measures the other shapes production clusters have too
 * ({@link Shape}).
 */
final class BenchSpecs {

    /** How many hash partitions a {@link Shape#PARTITIONED} table has: its rows land in partitions × shards leaf shards. */
    static final int PARTITIONS = 4;

    /** The shape of a benchmark table. */
    enum Shape {
        /** Hash-distributed on tenant. */
        HASH,
        /** Hash-distributed on tenant and hash-partitioned on id: rows land in the partitions' shards. */
        PARTITIONED,
        /** A reference table: a replica on every node, each change made on every one. */
        REFERENCE,
        /** A table in a distributed schema ({@link #DISTRIBUTED_SCHEMA}): one shard, with its history beside it. */
        SCHEMA_SHARDED
    }

    /** Where {@link Shape#SCHEMA_SHARDED} tables go, whatever the spec's schema. */
    static final String DISTRIBUTED_SCHEMA = "bench_write_tenant";

    private BenchSpecs() {
    }

    /** Writes {@code <directory>/<file>} declaring the named hash-distributed tables in {@code schema}; returns it. */
    static Path write(Path directory, String file, String schema, List<String> tables, int shards) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        tables.forEach(t -> shapes.put(t, Shape.HASH));
        return write(directory, file, schema, shapes, shards);
    }

    /** Writes {@code <directory>/<file>} declaring the named tables, each of its shape; returns it. */
    static Path write(Path directory, String file, String schema, Map<String, Shape> tables, int shards) {
        StringBuilder yaml = new StringBuilder("schema: ").append(schema).append("\ntables:\n");
        tables.forEach((table, shape) -> {
            yaml.append("  - name: ").append(table).append('\n');
            switch (shape) {
                case HASH, PARTITIONED -> yaml.append("    distribution: { column: tenant, shardCount: ").append(shards).append(" }\n");
                case REFERENCE -> yaml.append("    distribution: reference\n");
                case SCHEMA_SHARDED -> yaml.append("    schema: ").append(DISTRIBUTED_SCHEMA).append("\n    distributedSchema: true\n");
            }
            yaml.append("    columns:\n")
                    .append("      - { name: id, type: bigint, nullable: false }\n")
                    .append("      - { name: tenant, type: bigint, nullable: false }\n")
                    .append("      - { name: payload, type: text }\n")
                    .append("      - { name: n, type: integer, nullable: false }\n")
                    .append("    primaryKey: [tenant, id]\n");
            if (shape == Shape.PARTITIONED) {
                yaml.append("    partitionBy:\n      column: id\n      type: hash\n      partitions:\n");
                for (int p = 0; p < PARTITIONS; p++) {
                    yaml.append("        - { name: ").append(table).append("_p").append(p).append(", modulus: ").append(PARTITIONS)
                            .append(", remainder: ").append(p).append(" }\n");
                }
            }
            yaml.append("    history:\n")
                    .append("      table: ").append(table).append("_hist\n");
        });
        try {
            Files.createDirectories(directory);
            Path spec = directory.resolve(file);
            Files.writeString(spec, yaml, StandardCharsets.UTF_8);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Table names {@code t001 ... tNNN}. */
    static List<String> numbered(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> String.format("t%03d", i)).toList();
    }

    static AuditSpec read(Path spec) {
        return new SpecReader().read(spec);
    }
}
