package io.github.citusaudit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/** Tier 0: a spec's columns resolved against the live ones, without a database. */
class ExistingColumnsTest {

    private final TableSpec declared = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml")).tables().get(0);
    private final TableSpec existing = new SpecReader().read("""
            schema: app
            tables:
              - name: t
                distribution: local
                columns: existing
                history: { exclude: [secret] }
            """, "test").tables().get(0);

    @Test
    void aTableNotCreatedYetKeepsTheDeclaredColumns() {
        assertSame(declared, ExistingColumns.resolve(declared, new LiveColumns(List.of())));
    }

    @Test
    void theDeclaredColumnsComeFirstThenTheOnesTheTableGained() {
        List<ColumnSpec> live = new ArrayList<>(List.of(ColumnSpec.of("note", "text", true)));
        declared.columns().forEach(c -> live.add(ColumnSpec.of(c.name(), c.type(), c.nullable())));
        List<ColumnSpec> expected = new ArrayList<>(declared.columns());
        expected.add(ColumnSpec.of("note", "text", true));
        assertEquals(expected, ExistingColumns.resolve(declared, new LiveColumns(live)).columns());
    }

    @Test
    void aDeclaredColumnTheTableLacksIsDrift() {
        List<ColumnSpec> live = declared.columns().stream().filter(c -> !c.name().equals("status")).toList();
        DriftException e = assertThrows(DriftException.class, () -> ExistingColumns.resolve(declared, new LiveColumns(live)));
        assertEquals("the spec declares column 'status' of shard6.account but the table in the database has no such column;"
                + " add it to the table or remove it from the spec", e.getMessage());
    }

    @Test
    void existingColumnsAreTakenAsTheyAre() {
        List<ColumnSpec> live = List.of(ColumnSpec.of("id", "bigint", false), ColumnSpec.of("secret", "text", true));
        assertEquals(live, ExistingColumns.resolve(existing, new LiveColumns(live)).columns());
    }

    @Test
    void existingColumnsNeedTheTableAndItsExcludedColumns() {
        DriftException missing = assertThrows(DriftException.class, () -> ExistingColumns.resolve(existing, new LiveColumns(List.of())));
        assertEquals("table app.t is declared with 'columns: existing' but does not exist in the database", missing.getMessage());
        DriftException excluded = assertThrows(DriftException.class,
                () -> ExistingColumns.resolve(existing, new LiveColumns(List.of(ColumnSpec.of("id", "bigint", false)))));
        assertEquals("excluded column 'secret' is not a column of app.t in the database", excluded.getMessage());
    }
}
