package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** partitionBy of a table and of its history, as read; the bad cases are in the bad-spec corpus. */
class PartitioningReaderTest {

    private final SpecReader reader = new SpecReader();

    @Test
    void readsThePartitionedExample() {
        TableSpec event = reader.read(Path.of("src/examples/partitioned/citus-audit.yaml")).tables().get(0);
        assertTrue(event.partitioned());
        Partitioning partitioning = event.partitioning();
        assertEquals(Partitioning.Strategy.RANGE, partitioning.strategy());
        assertEquals("occurred_at", partitioning.column());
        assertEquals(List.of(new PartitionSpec("event_2026_11", false, "2026-11-01", "2026-12-01", List.of(), null, null),
                new PartitionSpec("event_2026_12", false, "2026-12-01", "2027-01-01", List.of(), null, null),
                new PartitionSpec("event_other", true, null, null, List.of(), null, null)), partitioning.partitions());
        assertEquals(new HistoryPartitioning(HistoryPartitioning.Interval.MONTH, 3), event.history().partitionBy());
    }

    @Test
    void listAndHashPartitionsAndDefaults() {
        AuditSpec spec = reader.read(Path.of("src/test/resources/specs/partitions.yaml"));
        TableSpec orders = spec.tables().get(0);
        assertEquals(Partitioning.Strategy.LIST, orders.partitioning().strategy());
        assertEquals(List.of("de", "fr"), orders.partitioning().partitions().get(0).in());
        assertEquals(List.of("us"), orders.partitioning().partitions().get(1).in());
        assertTrue(orders.partitioning().partitions().get(2).isDefault());
        assertEquals(new HistoryPartitioning(HistoryPartitioning.Interval.WEEK, 0), orders.history().partitionBy());
        PartitionSpec hashed = spec.tables().get(1).partitioning().partitions().get(1);
        assertEquals(2, hashed.modulus());
        assertEquals(1, hashed.remainder());
        assertFalse(spec.tables().get(2).partitioned());
        assertNull(spec.tables().get(2).history().partitionBy());
    }

    @Test
    void aHistoryIsPartitionedOnlyByATimeAtColumnWithOrWithoutPrecision() {
        AuditSpec precise = reader.read("""
                schema: app
                tables:
                  - name: t
                    distribution: local
                    columns: existing
                    history: { columns: { at: { name: at, type: timestamptz(3) } }, partitionBy: { interval: year } }
                """, "inline");
        assertEquals(HistoryPartitioning.Interval.YEAR, precise.tables().get(0).history().partitionBy().interval());
        SpecException e = assertThrows(SpecException.class, () -> reader.read("""
                schema: app
                tables:
                  - name: t
                    distribution: local
                    columns: existing
                    history: { columns: { at: { name: at, type: bigint } }, partitionBy: { interval: year } }
                """, "inline"));
        assertEquals(List.of("inline:6:74: the history of table 't' is partitioned by its 'at' column 'at', which must be a"
                + " timestamp, timestamptz or date, not 'bigint'"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void historyPartitionNamesMustFitPostgresLimit() {
        String name = "h".repeat(55);
        SpecException e = assertThrows(SpecException.class, () -> reader.read("""
                schema: app
                tables:
                  - name: t
                    distribution: local
                    columns: existing
                    history: { table: %s, columns: { id: ~, at: changed }, partitionBy: { interval: day } }
                """.formatted(name), "inline"));
        assertEquals(List.of("inline:6:138: history partition names such as '" + name + "_p2026_11_25' would be longer than 63"
                + " bytes; choose a shorter history table name"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void aHashPartitionNeedsItsRemainderBelowItsModulusAndNoDefault() {
        SpecException e = assertThrows(SpecException.class, () -> reader.read("""
                schema: app
                tables:
                  - name: t
                    distribution: local
                    columns: [{ name: id, type: bigint }]
                    partitionBy: { column: id, type: hash, partitions: [{ name: t_0, modulus: 2, remainder: 2 },
                                                                       { name: t_d, default: true }] }
                """, "inline"));
        assertEquals(List.of(
                "inline:6:93: 'remainder' of partition 't_0' of table 't' must be less than its modulus 2",
                "inline:7:56: partition 't_d' of table 't' needs 'modulus' (a hash partition takes 'modulus' and 'remainder')",
                "inline:7:56: partition 't_d' of table 't' needs 'remainder' (a hash partition takes 'modulus' and 'remainder')",
                "inline:7:78: partition 't_d' of table 't' cannot be a default partition: hash partitioning has none"),
                e.problems().stream().map(Object::toString).toList());
    }
}
