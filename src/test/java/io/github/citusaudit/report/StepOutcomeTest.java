package io.github.citusaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a step's catalog facts before and after it are put into words. */
class StepOutcomeTest {

    @Test
    void onlyAddedObjectsAreCreatedAnAlteredOneIsChangedAndTheSameFactsAreUnchanged() {
        CatalogFacts none = CatalogFacts.of(Map.of("table:s.t", "table"));
        CatalogFacts history = CatalogFacts.of(Map.of("table:s.t", "table", "table:s.t_hist", "table",
                "column:s.t_hist.id", "bigint not null", "column:s.t_hist.\"a.b\"", "text", "readers:s.t_hist", "owner only"));
        assertEquals(new StepOutcome(StepOutcome.Kind.CREATED, List.of("table s.t_hist with 2 columns")), StepOutcome.between(none, history));
        assertEquals(StepOutcome.UNCHANGED, StepOutcome.between(history, history));

        CatalogFacts more = history.plus(CatalogFacts.of(Map.of("column:s.t_hist.note", "text", "column:s.t_hist.id", "numeric")));
        assertEquals("changed (added columns note to s.t_hist; column s.t_hist.id retyped from bigint not null to numeric)",
                StepOutcome.between(history, more).describe());
    }

    @Test
    void branchesAndPlacementsAreCounted() {
        CatalogFacts before = CatalogFacts.of(Map.of("function:s.f()", "md5a", "branch:s.f() t_1", "exists", "branch:s.f() t_2", "exists",
                "placements:s.t", "0 of 3"));
        CatalogFacts after = CatalogFacts.of(Map.of("function:s.f()", "md5b", "branch:s.f() t_1", "exists", "branch:s.f() t_3", "exists",
                "branch:s.f() t_4", "exists", "placements:s.t", "3 of 3"));
        assertEquals("changed (function body changed: 2 branches added, 1 branch removed; trigger created on 3 placements (3 of 3 have it))",
                StepOutcome.between(before, after).describe());
    }

    @Test
    void aRemovedObjectIsAChange() {
        CatalogFacts before = CatalogFacts.of(Map.of("trigger:t_audit on s.t", "enabled, type 29, calls s.f()"));
        assertEquals("changed (trigger t_audit on s.t removed)", StepOutcome.between(before, CatalogFacts.NONE).describe());
    }
}
