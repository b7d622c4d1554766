package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The derived names, and that the reader and {@link HistorySpec} take them from {@link Naming}. */
class NamingTest {

    @Test
    void derivesEachNameFromTheTableItFollows() {
        assertEquals("account_hist", Naming.historyTable("account"));
        assertEquals("account_audit", Naming.trigger("account"));
        assertEquals("account_audit", Naming.function("account"));
        assertEquals("account_hist_as_of", Naming.asOfFunction("account_hist"));
        assertEquals("account_hist_history_id_seq", Naming.idSequence("account_hist", "history_id"));
        assertEquals("row_image", Naming.DEFAULT_IMAGE_COLUMN);
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        assertFalse(Naming.tooLong("a".repeat(63)));
        assertTrue(Naming.tooLong("a".repeat(64)));
        assertEquals(64, Naming.utf8Length("ä".repeat(32)));
        assertTrue(Naming.tooLong("ä".repeat(32)));
    }

    @Test
    void aHistoryLeftToItsDefaultsHasTheDerivedNames() {
        HistorySpec history = new SpecReader().read("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history: {update: both}
                """, "spec.yaml").tables().get(0).history();
        assertEquals(Naming.historyTable("t"), history.table());
        assertEquals(Naming.trigger("t"), history.triggerName());
        assertEquals(Naming.function("t"), history.functionName());
        assertEquals(Naming.asOfFunction("t_hist"), history.asOfFunctionName());
        assertEquals(Naming.idSequence("t_hist", "history_id"), history.idSequence());
        assertEquals(Naming.DEFAULT_IMAGE_COLUMN, history.auditColumns().image().name());
    }

    @Test
    void aHistoryWithoutAnIdColumnHasNoIdSequence() {
        HistorySpec history = new SpecReader().read("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history: {columns: {id: ~, operation: op}}
                """, "spec.yaml").tables().get(0).history();
        assertNull(history.auditColumns().id());
        assertNull(history.idSequence());
    }
}
