package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.PlacementContents;
import io.github.citusaudit.testing.TestDatabase;

/**
 * Tier 2: the history of a reference table. Citus makes each change on every replica (one per
 * node) and the trigger fires on each; the history must still hold one row per change, with one id
 * and one time, the same whichever node reads it and whichever path the change took: one row or
 * several, a transaction of several statements, one rolled back, COPY, a change sent from a worker.
 */
class CitusReferenceTableTest extends CitusTestSupport {

    static final File SPEC = new File("src/test/resources/specs/reference.yaml");
    private static final String HISTORY =
            "SELECT hid, op, at, changed_by, gpid, txid, code, name, population FROM refs.country_hist ORDER BY hid";

    @Test
    void everyNodeReadsOneHistoryWithOneRowPerChangeWhicheverPathTheChangeTook() throws Exception {
        assumeTrue(cluster.workersReachable(), "needs connections to the workers themselves, which a CITUS_URL cluster does not give");
        apply();
        TestDatabase worker1 = new TestDatabase(cluster.workerSettings(1));
        TestDatabase worker2 = new TestDatabase(cluster.workerSettings(2));
        try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68)");
            s.execute("INSERT INTO refs.country VALUES ('de', 'Germany', 84), ('it', 'Italy', 59), ('es', 'Spain', 48)");
            s.execute("UPDATE refs.country SET population = population + 1");
            c.setAutoCommit(false);
            s.execute("UPDATE refs.country SET name = 'French Republic' WHERE code = 'fr'");
            s.execute("DELETE FROM refs.country WHERE code = 'es'");
            s.execute("INSERT INTO refs.country VALUES ('pt', 'Portugal', 10)");
            c.commit();
            s.execute("INSERT INTO refs.country VALUES ('xx', 'Nowhere', 0)");
            c.rollback();
            c.setAutoCommit(true);
            // COPY writes even the coordinator's replica through a connection of Citus' own.
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY refs.country FROM STDIN",
                    new StringReader("nl\tNetherlands\t18\nbe\tBelgium\t12\n"));
        }
        worker1.execute("UPDATE refs.country SET population = 0 WHERE code = 'nl'", "DELETE FROM refs.country WHERE code = 'be'");

        List<List<String>> history = db.query(HISTORY);
        assertEquals(history, worker1.query(HISTORY), "worker 1 reads the same history, ids and times included");
        assertEquals(history, worker2.query(HISTORY), "worker 2 reads the same history, ids and times included");
        assertEquals(1, PlacementContents.of(db, "refs.country_hist", "hid").stream().distinct().count(),
                "every placement of the history holds the same rows");
        assertEquals(List.of(
                List.of("INSERT", "fr", "France", "68"),
                List.of("INSERT", "de", "Germany", "84"),
                List.of("INSERT", "it", "Italy", "59"),
                List.of("INSERT", "es", "Spain", "48"),
                // an UPDATE records the version it replaced
                List.of("UPDATE", "fr", "France", "68"),
                List.of("UPDATE", "de", "Germany", "84"),
                List.of("UPDATE", "it", "Italy", "59"),
                List.of("UPDATE", "es", "Spain", "48"),
                List.of("UPDATE", "fr", "France", "69"),
                List.of("DELETE", "es", "Spain", "49"),
                List.of("INSERT", "pt", "Portugal", "10"),
                List.of("INSERT", "nl", "Netherlands", "18"),
                List.of("INSERT", "be", "Belgium", "12"),
                List.of("UPDATE", "nl", "Netherlands", "18"),
                List.of("DELETE", "be", "Belgium", "12")),
                history.stream().map(row -> List.of(row.get(1), row.get(6), row.get(7), row.get(8))).toList());
        assertEquals(List.of(List.of("3", "1", "1")), db.query("SELECT count(*), count(DISTINCT at), count(DISTINCT txid)"
                + " FROM refs.country_hist WHERE (op, code, population) IN (('UPDATE', 'fr', 69), ('DELETE', 'es', 49),"
                + " ('INSERT', 'pt', 10))"), "the three changes of one transaction share its time and transaction id");
    }

    /** The as-of function joins the history on the coordinator with the table's replica, from any node. */
    @Test
    void theTableAsOfATimeReadsTheSameThroughEveryNode() throws Exception {
        assumeTrue(cluster.workersReachable(), "needs connections to the workers themselves, which a CITUS_URL cluster does not give");
        apply();
        db.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68), ('de', 'Germany', 84)");
        String before = db.single("SELECT clock_timestamp()");
        db.execute("UPDATE refs.country SET population = 69 WHERE code = 'fr'", "DELETE FROM refs.country WHERE code = 'de'",
                "INSERT INTO refs.country VALUES ('it', 'Italy', 59)");
        String asOf = "SELECT code, population FROM refs.country_hist_as_of('" + before + "') ORDER BY code";
        List<List<String>> then = List.of(List.of("de", "84"), List.of("fr", "68"));
        assertEquals(then, db.query(asOf));
        assertEquals(then, new TestDatabase(cluster.workerSettings(1)).query(asOf));
        assertEquals(List.of(List.of("fr", "69"), List.of("it", "59")),
                db.query("SELECT code, population FROM refs.country_hist_as_of(clock_timestamp()) ORDER BY code"));
    }

    private static void apply() {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), null, false, "30s"));
    }
}
