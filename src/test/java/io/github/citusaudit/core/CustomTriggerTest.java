package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.PostgresTestSupport;

/**
 * Tier 1, custom triggers on plain PostgreSQL: the function keeps only the body on the tables (no
 * shards), the tenant counter follows INSERTs and DELETEs, a WHEN condition is honoured and a changed
 * one re-creates the trigger while an unchanged spec leaves it alone, BEFORE returns the row, verify
 * passes and names drift, drop removes it.
 */
class CustomTriggerTest extends PostgresTestSupport {

    private static final File COUNTS = new File("src/examples/tenant-counts/citus-audit.yaml");

    @BeforeEach
    void freshTables() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS shop CASCADE", "DROP SCHEMA IF EXISTS shard7 CASCADE", "CREATE SCHEMA shop",
                "CREATE TABLE shop.orders (tenant_id bigint NOT NULL, order_id bigint NOT NULL, amount numeric,"
                        + " PRIMARY KEY (tenant_id, order_id))",
                "CREATE TABLE shop.order_counts (tenant_id bigint PRIMARY KEY, orders bigint NOT NULL)");
    }

    @Test
    void theCounterFollowsInsertsAndDeletesAndVerifyAndDropWork() throws Exception {
        apply(COUNTS);
        assertFalse(db.single("SELECT prosrc FROM pg_proc WHERE proname = 'count_orders'").contains("CASE TG_TABLE_NAME"),
                "no shards: no branches");
        db.execute("INSERT INTO shop.orders SELECT t, o, 1 FROM generate_series(1, 3) t, generate_series(1, 5) o",
                "DELETE FROM shop.orders WHERE tenant_id = 2 AND order_id <= 2", "DELETE FROM shop.orders WHERE tenant_id = 3");
        assertEquals(List.of(List.of("1", "5"), List.of("2", "3"), List.of("3", "0")),
                db.query("SELECT tenant_id, orders FROM shop.order_counts ORDER BY 1"));
        assertTrue(verify(COUNTS).passed());
        db.execute("ALTER TABLE shop.orders DISABLE TRIGGER count_orders");
        List<CheckResult> drift = verify(COUNTS).failures();
        assertEquals("triggers", drift.get(0).check());
        assertEquals("trigger count_orders is disabled (tgenabled=D)", drift.get(0).findings().get(0).message());
        apply(COUNTS);
        assertTrue(verify(COUNTS).passed());
        new DropCommand(Console.system()).run(new Requests.Drop(COUNTS, null, server.settings(), false, null));
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname = 'count_orders'"));
        assertEquals("0", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'count_orders'"));
    }

    @Test
    void aWhenConditionIsHonouredAndAChangedOneReCreatesTheTrigger(@TempDir Path dir) throws Exception {
        File spec = dir.resolve("when.yaml").toFile();
        write(spec, "NEW.amount > 0");
        apply(spec);
        String oid = db.single("SELECT oid FROM pg_trigger WHERE tgname = 'count_orders'");
        apply(spec);
        assertEquals(oid, db.single("SELECT oid FROM pg_trigger WHERE tgname = 'count_orders'"), "an unchanged spec changes nothing");
        db.execute("INSERT INTO shop.orders VALUES (1, 1, 0), (1, 2, 5)");
        assertEquals("1", db.single("SELECT orders FROM shop.order_counts WHERE tenant_id = 1"));
        write(spec, "NEW.amount >= 0");
        apply(spec);
        assertFalse(oid.equals(db.single("SELECT oid FROM pg_trigger WHERE tgname = 'count_orders'")), "a changed WHEN re-creates it");
        db.execute("INSERT INTO shop.orders VALUES (1, 3, 0)");
        assertEquals("2", db.single("SELECT orders FROM shop.order_counts WHERE tenant_id = 1"));
        assertTrue(verify(spec).passed());
    }

    private static void write(File spec, String when) throws Exception {
        Files.writeString(spec.toPath(), String.join("\n", "schema: shop", "triggers:", "  - name: count_orders", "    table: orders",
                "    distributionColumn: tenant_id", "    timing: before", "    events: [insert]", "    when: \"" + when + "\"",
                "    targets:", "      counts: order_counts", "    body: |",
                "      INSERT INTO {{counts}} AS c (tenant_id, orders) VALUES (NEW.tenant_id, 1)",
                "      ON CONFLICT (tenant_id) DO UPDATE SET orders = c.orders + 1;", ""));
    }

    private static void apply(File spec) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, server.settings(), null, false, null));
    }

    private static VerifyReport verify(File spec) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, server.settings(), TriggerMode.NATIVE, null,
                false));
    }
}
