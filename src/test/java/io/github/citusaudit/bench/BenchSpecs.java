package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;

/**
 * Specs written for the benchmark: tables of four small columns, hash-distributed on {@code tenant}
 * with the given shard count, each audited with the default history columns (history_id, operation,
 * changed_at, changed_by, then the source columns, in that order: the recipe's function relies on it).
 */
final class BenchSpecs {

    private BenchSpecs() {
    }

    /** Writes {@code <directory>/<file>} declaring the named tables in {@code schema}; returns it. */
    static Path write(Path directory, String file, String schema, List<String> tables, int shards) {
        StringBuilder yaml = new StringBuilder("schema: ").append(schema).append("\ntables:\n");
        for (String table : tables) {
            yaml.append("  - name: ").append(table).append('\n')
                    .append("    distribution: { column: tenant, shardCount: ").append(shards).append(" }\n")
                    .append("    columns:\n")
                    .append("      - { name: id, type: bigint, nullable: false }\n")
                    .append("      - { name: tenant, type: bigint, nullable: false }\n")
                    .append("      - { name: payload, type: text }\n")
                    .append("      - { name: n, type: integer, nullable: false }\n")
                    .append("    primaryKey: [tenant, id]\n")
                    .append("    history:\n")
                    .append("      table: ").append(table).append("_hist\n");
        }
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
