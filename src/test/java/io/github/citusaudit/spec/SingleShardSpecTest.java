package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The spec's forms for single-shard tables: {@code distribution: single-shard} (or the mapping with
 * {@code singleShard: true}), a distributed schema whose tables need no distribution, and a
 * distribution left to the database for a table that exists.
 */
class SingleShardSpecTest {

    @Test
    void tablesOfADistributedSchemaNeedNoDistribution() {
        AuditSpec spec = new SpecReader().read(Path.of("src/test/resources/specs/tenant-schema.yaml"));
        assertEquals(List.of(Distribution.DISTRIBUTED_SCHEMA, Distribution.DISTRIBUTED_SCHEMA),
                spec.tables().stream().map(TableSpec::distribution).toList());
        assertEquals(Set.of("tenant_a"), spec.distributedSchemas());
    }

    @Test
    void singleShardTablesColocateAsAHashTableDoes() {
        AuditSpec spec = new SpecReader().read(Path.of("src/test/resources/specs/single-shard.yaml"));
        assertEquals(List.of(Distribution.singleShard("default"), Distribution.singleShard("none")),
                spec.tables().stream().map(TableSpec::distribution).toList());
        assertEquals(Set.of(), spec.distributedSchemas());
    }

    @Test
    void aTableSaysWhetherItsSchemaIsDistributedOverTheTopLevel() {
        AuditSpec spec = read("""
                schema: tenant_a
                distributedSchema: true
                tables:
                  - { name: a, columns: existing }
                  - { name: b, distribution: single-shard, columns: existing }
                  - { name: c, schema: app, distributedSchema: false, columns: existing }
                  - { name: d, schema: app, distributedSchema: false, distribution: { singleShard: true, colocateWith: c },
                      columns: existing }
                  - { name: e, schema: other, columns: existing }
                """);
        assertEquals(List.of(DistributionKind.DISTRIBUTED_SCHEMA, DistributionKind.DISTRIBUTED_SCHEMA,
                        DistributionKind.EXISTING, DistributionKind.SINGLE_SHARD, DistributionKind.DISTRIBUTED_SCHEMA),
                spec.tables().stream().map(t -> t.distribution().kind()).toList());
        assertEquals(List.of("tenant_a", "other"), List.copyOf(spec.distributedSchemas()));
    }

    @Test
    void aDistributionLeftOutOfAnExistingTableIsReadFromTheDatabase() {
        TableSpec table = read("""
                schema: app
                tables:
                  - { name: t, columns: existing }
                """).tables().get(0);
        assertEquals(Distribution.EXISTING, table.distribution());
        assertEquals(Distribution.REFERENCE, table.withDistribution(Distribution.REFERENCE).distribution());
    }

    @Test
    void aSingleShardTableHasNoDistributionColumnToKeepInTheHistoryKey() {
        TableSpec table = read("""
                schema: app
                tables:
                  - name: t
                    distribution: single-shard
                    columns: [{ name: id, type: bigint }]
                    primaryKey: [id]
                """).tables().get(0);
        assertEquals(null, table.distribution().column());
        assertEquals("a single-shard table", table.distribution().describe());
    }

    private static AuditSpec read(String yaml) {
        return new SpecReader().read(yaml, "spec.yaml");
    }
}
