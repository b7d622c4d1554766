package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;

/** Tier 2: hostile names through apply, DML, verify and drop, in both modes. */
class CitusHostileNamesTest extends CitusTestSupport {

    private static final File HOSTILE = new File("src/test/resources/specs/hostile.yaml");
    private static final String SCHEMA = "\"We ird %$ \"\"schema\"\"\"";

    @Test
    void hostileNamesWorkEndToEndInBothModes() throws SQLException {
        for (TriggerMode mode : TriggerMode.values()) {
            new ApplyCommand(Console.system()).run(new Requests.Apply(HOSTILE, null, cluster.coordinator(), mode, false, "30s"));
            new ApplyCommand(Console.system()).run(new Requests.Apply(HOSTILE, null, cluster.coordinator(), mode, false, "30s"));
            assertTrue(new VerifyCommand(Console.system()).run(new Requests.Verify(HOSTILE, null, cluster.coordinator(), mode, null, true))
                    .passed());
            db.execute("TRUNCATE " + SCHEMA + ".\"order.hist's\"", "DELETE FROM " + SCHEMA + ".\"order\"", "TRUNCATE " + SCHEMA + ".\"order.hist's\"",
                    "INSERT INTO " + SCHEMA + ".\"order\" SELECT g, g, g, g, '%s' FROM generate_series(1, 20) g",
                    "UPDATE " + SCHEMA + ".\"order\" SET \"Größe\" = 0",
                    "DELETE FROM " + SCHEMA + ".\"order\" WHERE \"user\" <= 5");
            assertEquals(List.of(List.of("DELETE", "5"), List.of("INSERT", "20"), List.of("UPDATE", "20")),
                    db.query("SELECT operation, count(*) FROM " + SCHEMA + ".\"order.hist's\" GROUP BY 1 ORDER BY 1"), "mode " + mode);
            assertEquals("20", db.single("SELECT count(*) FROM " + SCHEMA + ".\"order.hist's\" WHERE \"a.b%s\" = '%s'"
                    + " AND operation = 'INSERT' AND \"it's; DROP TABLE x; --\" = \"user\""));
        }
        new DropCommand(Console.system()).run(new Requests.Drop(HOSTILE, null, cluster.coordinator(), false, "30s"));
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE pronamespace = to_regnamespace('" + SCHEMA.replace("'", "''")
                + "') AND proname LIKE 'fn%'"));
    }
}
