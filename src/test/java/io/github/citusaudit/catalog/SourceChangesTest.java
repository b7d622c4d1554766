package io.github.citusaudit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.catalog.SourceChanges.Change;
import io.github.citusaudit.catalog.SourceChanges.Kind;
import io.github.citusaudit.spec.ColumnSpec;

/** Tier 0: what the trigger function was made for against the live columns, without a database. */
class SourceChangesTest {

    private static final List<RecordedColumns.Column> RECORDED = List.of(
            new RecordedColumns.Column("id", 1, "bigint"),
            new RecordedColumns.Column("code", 2, "character varying(20)"),
            new RecordedColumns.Column("note", 3, "text"),
            new RecordedColumns.Column("qty", 4, "integer"));

    @Test
    void everyColumnThereByNameWithItsTypeIsNoChangeWhateverItsNumber() {
        for (List<Integer> numbers : List.of(List.of(1, 2, 3, 4), List.of(1, 2, 5, 4))) {
            // 1, 2, 5, 4: note dropped and added again under its name, history follows it by name
            LiveColumns live = live(List.of("id", "code", "note", "qty"), numbers,
                    List.of("bigint", "character varying(20)", "text", "integer"));
            assertEquals(List.of(), SourceChanges.between(RECORDED, live, Set.of()), numbers.toString());
        }
    }

    @Test
    void aRenameIsToldFromADropByTheColumnsNumber() {
        // code renamed to label (same number), note dropped (number 3 gone), qty retyped, added and secret new
        LiveColumns live = live(List.of("id", "label", "qty", "added", "secret"), List.of(1, 2, 4, 5, 6),
                List.of("bigint", "character varying(20)", "bigint", "text", "text"));
        assertEquals(List.of(new Change(Kind.RENAMED, "code", "label"), new Change(Kind.DROPPED, "note", null),
                new Change(Kind.RETYPED, "qty", "from integer to bigint"), new Change(Kind.ADDED, "added", null)),
                SourceChanges.between(RECORDED, live, Set.of("secret")));
    }

    @Test
    void eachChangeSaysWhatItDoesToHistoryAndWhatApplyDoes() {
        Change renamed = new Change(Kind.RENAMED, "code", "label");
        assertEquals("label", renamed.nameNow());
        assertEquals("source column 'code' was renamed to 'label': history records NULL in 'code' and nothing of 'label'"
                + " until apply adds it; until then, writes take the trigger's slower by-name path", renamed.finding());
        assertEquals("source column 'code' was renamed to 'label': history's 'code' is kept (NULL from now on), 'label' is"
                + " added to history", renamed.catchingUp());
        assertNull(new Change(Kind.DROPPED, "note", null).nameNow());
    }

    private static LiveColumns live(List<String> names, List<Integer> numbers, List<String> types) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(ColumnSpec.of(names.get(i), types.get(i), true));
        }
        return new LiveColumns(columns, numbers);
    }
}
