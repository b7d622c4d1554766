package io.github.citusaudit.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;

/**
 * Tier 2: verify on an audited reference table compares its replicas, row count and content hash per
 * placement, and names the one that differs: a replica of the table changed behind Citus' back, or a
 * replica of a history that earlier versions kept as a reference table (apply then keeps the
 * coordinator's copy as the one history).
 */
class CitusReplicasTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/reference.yaml");

    @TempDir
    Path reports;

    @Test
    void aFreshApplyPassesEveryCheckReplicasIncluded() throws SQLException {
        apply();
        db.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68), ('de', 'Germany', 84)");
        VerifyReport report = verify();
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "distribution", "history table", "trigger function", "triggers", "replicas"),
                report.results().stream().map(CheckResult::check).toList());
    }

    @Test
    void aReplicaChangedBehindCitusBackIsNamed() throws SQLException {
        apply();
        db.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68), ('de', 'Germany', 84)");
        List<String> replica = workerReplica("refs.country");
        changeOneReplica("refs.country", replica.get(2), "UPDATE %1$s SET population = 1 WHERE code = ''fr''");
        List<String> failures = failures();
        assertEquals(1, failures.size(), String.join("\n", failures));
        assertTrue(failures.get(0).startsWith("refs.country | replicas | FAIL " + replica.get(0) + " shard " + replica.get(1)
                + ": the replica of refs.country holds 2 rows, content hash "), failures.get(0));
        assertTrue(failures.get(0).contains(", where the 2 other replicas hold 2 rows, content hash ")
                && failures.get(0).endsWith(": it was changed behind Citus' back, and the history does not describe it"),
                failures.get(0));
    }

    @Test
    void aHistoryKeptAsAReferenceTableIsNamedAndApplyKeepsTheCoordinatorsCopy() throws SQLException {
        apply();
        db.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68)", "UPDATE refs.country SET population = 69");
        // The layout earlier versions made: the history a reference table, a copy on every node.
        db.execute("SELECT undistribute_table('refs.country_hist')", "SELECT create_reference_table('refs.country_hist')");
        List<String> replica = workerReplica("refs.country_hist");
        changeOneReplica("refs.country_hist", replica.get(2), "DELETE FROM %1$s WHERE op = ''UPDATE''");
        // (the trigger function differs too: it writes the shard of the history apply made)
        List<String> failures = failures().stream().filter(line -> line.contains(" | replicas | ")).toList();
        assertEquals(2, failures.size(), String.join("\n", failures));
        assertTrue(failures.get(0).startsWith("refs.country | replicas | FAIL history table refs.country_hist is a reference table,"
                + " as earlier versions made it"), failures.get(0));
        assertTrue(failures.get(1).startsWith("refs.country | replicas | FAIL " + replica.get(0) + " shard "
                + replica.get(1) + ": the replica of refs.country_hist holds 1 row, content hash "), failures.get(1));

        apply();
        VerifyReport report = verify();
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of(List.of("INSERT", "68"), List.of("UPDATE", "68")),
                db.query("SELECT op, population FROM refs.country_hist ORDER BY hid"));
        assertEquals("local", db.single("SELECT citus_table_type FROM citus_tables WHERE table_name = 'refs.country_hist'::regclass"));
    }

    /** A worker's placement of the table: its address (host:port, as verify names it), shard and node group. */
    private static List<String> workerReplica(String table) throws SQLException {
        return db.query("SELECT n.nodename || ':' || n.nodeport, p.shardid::text, n.groupid::text FROM pg_dist_placement p"
                + " JOIN pg_dist_shard s USING (shardid) JOIN pg_dist_node n USING (groupid)"
                + " WHERE s.logicalrelid = '" + table + "'::regclass AND n.groupid > 0 ORDER BY n.groupid LIMIT 1").get(0);
    }

    /** Runs a statement on one placement only, behind Citus' back ({@code %1$s} is the shard, quotes doubled). */
    /** Runs the statement on the one replica in node group {@code group} (every node knows its own group; ports may all be 5432). */
    private static void changeOneReplica(String table, String group, String statement) throws SQLException {
        db.execute("SELECT run_command_on_placements('" + table + "', 'DO $x$ BEGIN IF (SELECT groupid FROM pg_dist_local_group) = " + group
                + " THEN " + statement + "; END IF; END $x$')");
    }

    private List<String> failures() {
        assertThrows(DriftException.class, this::verify);
        VerifyReport report = new VerifyCommand(Console.system()).run(new Requests.Verify(SPEC, null, cluster.coordinator(), null,
                reports.toFile(), false));
        return report.lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
    }

    private static void apply() {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), null, false, "30s"));
    }

    private VerifyReport verify() {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(SPEC, null, cluster.coordinator(), null,
                reports.toFile(), true));
    }
}
