package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;

/**
 * The partitioned example (src/examples/partitioned: timeline.event, partitioned by month with a
 * default partition, history partitioned by month) on a test server: apply, verify, and changes to
 * it, for the tier-1 and tier-2 tests of partitioned tables alike.
 */
public record PartitionedEvents(TestDatabase db, File spec, Path reports) {

    public static final File EXAMPLE = new File("src/examples/partitioned/citus-audit.yaml");

    public PartitionedEvents(TestDatabase db, Path reports) {
        this(db, EXAMPLE, reports);
    }

    public void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, db.settings(), mode, false, "30s"));
    }

    /** Verify's report, without failing on findings. */
    public VerifyReport verify(TriggerMode mode) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, db.settings(), mode,
                reports.toFile(), false));
    }

    /** The failing lines of verify's report, spaces folded: {@code timeline.event | shard coverage | FAIL ...}. */
    public List<String> findings(TriggerMode mode) {
        return verify(mode).lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
    }

    /** Applies again, after which verify finds nothing and the changes to every partition are recorded. */
    public void applyAndExpectEveryChangeRecorded(TriggerMode mode) throws SQLException {
        apply(mode);
        assertEquals(List.of(), findings(mode));
        changeEachPartition();
        assertEquals(CHANGES_HISTORY, history());
    }

    /** One row into each declared partition and one into the default partition, then an UPDATE and a DELETE. */
    public void changeEachPartition() throws SQLException {
        db.execute("INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (1, '2026-11-05', 'nov'),"
                        + " (2, '2026-12-05', 'dec'), (3, '2030-01-05', 'later')",
                "UPDATE timeline.event SET kind = kind || '!' WHERE tenant_id IN (1, 3)",
                "DELETE FROM timeline.event WHERE tenant_id = 2");
    }

    /** The history the changes above leave: operation, tenant, kind, by tenant and then in order. */
    public static final List<List<String>> CHANGES_HISTORY = List.of(
            List.of("INSERT", "1", "nov"), List.of("UPDATE", "1", "nov"), List.of("INSERT", "2", "dec"),
            List.of("DELETE", "2", "dec"), List.of("INSERT", "3", "later"), List.of("UPDATE", "3", "later"));

    /**
     * The history rows: operation, tenant, kind, by tenant and then history id (on Citus each node
     * numbers from a range of its own, so ids are in order only among one tenant's rows).
     */
    public List<List<String>> history() throws SQLException {
        return db.query("SELECT operation, tenant_id, kind FROM timeline.event_hist ORDER BY tenant_id, history_id");
    }
}
