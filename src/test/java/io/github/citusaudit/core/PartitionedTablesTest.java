package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.PartitionedEvents;
import io.github.citusaudit.testing.PostgresTestSupport;

/**
 * Tier 1: partitioned tables audited on plain PostgreSQL, where PostgreSQL's own cloning of the
 * trigger onto every partition does the work: partitions declared, made later, or found; a clone
 * disabled on one partition; a history partitioned by month; a spec the database does not match.
 */
class PartitionedTablesTest extends PostgresTestSupport {

    @TempDir
    Path temp;

    private PartitionedEvents events;

    @BeforeEach
    void clean() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS timeline CASCADE", "DROP SCHEMA IF EXISTS app CASCADE");
        events = new PartitionedEvents(db, temp);
    }

    @Test
    void everyPartitionIsAuditedAndVerifyPasses() throws SQLException {
        events.apply(null);
        events.changeEachPartition();
        assertEquals(PartitionedEvents.CHANGES_HISTORY, events.history());
        VerifyReport report = events.verify(null);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "partitioning", "history table", "trigger function", "triggers"),
                report.results().stream().map(CheckResult::check).toList());
        assertEquals(List.of(List.of("timeline.event_2026_11", "event_audit"), List.of("timeline.event_2026_12", "event_audit"),
                List.of("timeline.event_other", "event_audit")), db.query("SELECT tgrelid::regclass::text, tgname FROM pg_trigger"
                        + " WHERE tgparentid <> 0 AND tgrelid::regclass::text LIKE 'timeline.event%' ORDER BY 1"));
    }

    @Test
    void aPartitionCreatedLaterHasTheTriggerWithoutApply() throws SQLException {
        events.apply(null);
        db.execute("CREATE TABLE timeline.event_2027_01 PARTITION OF timeline.event FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')",
                "INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (4, '2027-01-02', 'jan')");
        assertEquals(List.of(List.of("INSERT", "4", "jan")), events.history());
        assertEquals(List.of(), events.findings(null));
    }

    @Test
    void aTriggerDisabledOnOnePartitionIsNamedAndApplyRepairsIt() throws SQLException {
        events.apply(null);
        db.execute("ALTER TABLE timeline.event_2026_12 DISABLE TRIGGER event_audit");
        assertEquals(List.of("timeline.event | partitioning | FAIL partition timeline.event_2026_12: no enabled audit trigger:"
                + " its changes are not recorded; run apply"), events.findings(null));
        events.applyAndExpectEveryChangeRecorded(null);
    }

    /** List partitions with a default, hash partitions and a history by week, as specs/partitions.yaml declares them. */
    @Test
    void listAndHashPartitionsAreCreatedAndAudited() throws SQLException {
        db.execute("CREATE SCHEMA app", "CREATE TABLE app.plain (id bigint)");
        new PartitionedEvents(db, new File("src/test/resources/specs/partitions.yaml"), temp).apply(null);
        db.execute("INSERT INTO app.orders VALUES (1, 'fr'), (2, 'us'), (3, 'jp')", "INSERT INTO app.items VALUES (1), (2)");
        assertEquals(List.of(List.of("app.orders_eu", "fr"), List.of("app.orders_rest", "jp"), List.of("app.orders_us", "us")),
                db.query("SELECT tableoid::regclass::text, region FROM app.orders ORDER BY 1"));
        assertEquals(List.of(List.of("INSERT", "3")), db.query("SELECT operation, count(*) FROM app.orders_hist GROUP BY 1"));
        assertEquals(List.of(List.of("INSERT", "2")), db.query("SELECT operation, count(*) FROM app.items_hist GROUP BY 1"));
        assertEquals("1", db.single("SELECT count(*) FROM pg_partition_tree('app.orders_hist') WHERE isleaf"));
    }

    /** PostgreSQL runs an UPDATE that moves a row to another partition as a DELETE and an INSERT, AFTER UPDATE triggers unfired. */
    @Test
    void anUpdateThatMovesARowToAnotherPartitionIsRecordedAsADeleteAndAnInsert() throws SQLException {
        events.apply(null);
        db.execute("INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (5, '2026-11-05', 'moving')",
                "UPDATE timeline.event SET occurred_at = '2026-12-05' WHERE tenant_id = 5");
        assertEquals(List.of(List.of("INSERT", "5", "moving"), List.of("DELETE", "5", "moving"), List.of("INSERT", "5", "moving")),
                events.history());
    }

    @Test
    void anExistingPartitionedTableIsFoundPartitioned() throws Exception {
        db.execute("CREATE SCHEMA timeline",
                "CREATE TABLE timeline.event (tenant_id bigint NOT NULL, occurred_at date NOT NULL, kind text)"
                        + " PARTITION BY RANGE (occurred_at)",
                "CREATE TABLE timeline.event_2026 PARTITION OF timeline.event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        Path spec = temp.resolve("existing.yaml");
        Files.writeString(spec, """
                schema: timeline
                tables:
                  - { name: event, distribution: local, columns: existing }
                """);
        PartitionedEvents existing = new PartitionedEvents(db, spec.toFile(), temp);
        existing.apply(null);
        db.execute("INSERT INTO timeline.event VALUES (6, '2026-06-01', 'found')");
        assertEquals(List.of(List.of("INSERT", "6", "found")), events.history());
        VerifyReport report = existing.verify(null);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertTrue(report.results().stream().anyMatch(r -> r.check().equals("partitioning")));
    }

    /** generate reads an existing table's partitioning with its columns: the script is the one apply runs. */
    @Test
    void generateFindsAnExistingTablePartitionedAndDropRemovesEveryClone() throws Exception {
        db.execute("CREATE SCHEMA timeline",
                "CREATE TABLE timeline.event (tenant_id bigint NOT NULL, occurred_at date NOT NULL, kind text)"
                        + " PARTITION BY RANGE (occurred_at)",
                "CREATE TABLE timeline.event_2026 PARTITION OF timeline.event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        Path spec = temp.resolve("existing.yaml");
        Files.writeString(spec, """
                schema: timeline
                tables:
                  - { name: event, distribution: { column: tenant_id }, columns: existing }
                """);
        new GenerateCommand(Console.system()).run(new Requests.Generate(spec.toFile(), null,
                temp.toFile(), db.settings(), null));
        assertTrue(Files.readString(temp.resolve(GenerateCommand.INSTALL_FILE)).contains("pg_catalog.pg_partition_tree($1) p"));

        new PartitionedEvents(db, spec.toFile(), temp).apply(null);
        assertEquals("2", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'event_audit'"));
        new DropCommand(Console.system()).run(new Requests.Drop(spec.toFile(), null, db.settings(),
                false, null));
        assertEquals("0", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'event_audit'"));
    }

    @Test
    void aTableTheSpecPartitionsButTheDatabaseDoesNotStopsApply() throws SQLException {
        db.execute("CREATE SCHEMA timeline", "CREATE TABLE timeline.event (event_id bigint, tenant_id bigint NOT NULL,"
                + " occurred_at timestamptz NOT NULL, kind text NOT NULL, payload jsonb)");
        DriftException e = assertThrows(DriftException.class, () -> events.apply(null));
        assertEquals("the spec declares timeline.event partitioned by range (occurred_at) but the table in the database is"
                + " not partitioned; PostgreSQL cannot partition a table that exists or change its partition key: remove"
                + " partitionBy, or create the table anew partitioned", e.getMessage());
        assertTrue(events.findings(null).contains("timeline.event | partitioning | FAIL " + e.getMessage()),
                String.join("\n", events.findings(null)));
    }

    @Test
    void historyPartitionsAreMadeAheadAndVerifySaysWhenTheyRunOut() throws SQLException {
        events.apply(null);
        String current = db.single("SELECT 'timeline.event_hist_p' || to_char(localtimestamp, 'YYYY_MM')");
        List<List<String>> partitions = db.query("SELECT relid::regclass::text FROM pg_partition_tree('timeline.event_hist')"
                + " WHERE isleaf ORDER BY 1");
        assertEquals(4, partitions.size(), partitions.toString());
        assertEquals(current, partitions.get(0).get(0));
        db.execute("INSERT INTO timeline.event (tenant_id, kind) VALUES (7, 'now')");
        assertEquals(current, db.single("SELECT tableoid::regclass::text FROM timeline.event_hist"));

        // Retention drops old partitions; here the ones ahead go, as if apply had not run for months.
        for (List<String> ahead : partitions.subList(1, 4)) {
            db.execute("DROP TABLE " + ahead.get(0));
        }
        List<String> findings = events.findings(null);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).startsWith("timeline.event | partitioning | FAIL the last partition of history table"
                + " timeline.event_hist ends at "), findings.get(0));
        assertTrue(findings.get(0).endsWith(", less than a month from now: from then on every change to the table fails;"
                + " run apply (it makes partitions 3 month(s) ahead)"), findings.get(0));

        db.execute("DROP TABLE " + current);
        assertTrue(events.findings(null).get(0).startsWith("timeline.event | partitioning | FAIL no partition of history"
                + " table timeline.event_hist takes a change made now"), events.findings(null).toString());
        SQLException refused = assertThrows(SQLException.class,
                () -> db.execute("INSERT INTO timeline.event (tenant_id, kind) VALUES (8, 'lost')"));
        assertTrue(refused.getMessage().contains("no partition of relation \"event_hist\" found for row"), refused.getMessage());

        events.apply(null);
        assertEquals(List.of(), events.findings(null));
        db.execute("INSERT INTO timeline.event (tenant_id, kind) VALUES (8, 'recorded')");
        assertEquals(List.of(List.of("INSERT", "8", "recorded")), events.history());
    }
}
