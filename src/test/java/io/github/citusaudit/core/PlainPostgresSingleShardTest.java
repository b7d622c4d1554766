package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.PostgresTestSupport;

/**
 * Tier 1: the spec's single-shard forms on PostgreSQL without Citus are plain tables, audited as any
 * other: a distributed schema is a schema, a single-shard table a table, and a distribution left to
 * the database is local.
 */
class PlainPostgresSingleShardTest extends PostgresTestSupport {

    @TempDir
    Path temp;

    @BeforeEach
    void dropTheSchemas() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS tenant_a, solo, solo_audit CASCADE");
    }

    @Test
    void aDistributedSchemaIsAPlainSchemaWithoutCitus() throws SQLException {
        apply(CitusSingleShardTest.TENANT_SCHEMA);
        db.execute("INSERT INTO tenant_a.orders (customer, amount) VALUES ('a', 1), ('b', 2)",
                "UPDATE tenant_a.orders SET amount = 5 WHERE customer = 'a'", "DELETE FROM tenant_a.orders WHERE customer = 'b'");
        assertEquals(List.of(List.of("INSERT", "a"), List.of("INSERT", "b"), List.of("UPDATE", "a"), List.of("DELETE", "b")),
                db.query("SELECT operation, customer FROM tenant_a.orders_hist ORDER BY history_id"));
        assertPasses(verify(CitusSingleShardTest.TENANT_SCHEMA));
    }

    @Test
    void singleShardTablesArePlainTablesWithoutCitus() throws SQLException {
        apply(CitusSingleShardTest.SINGLE_SHARD);
        db.execute("INSERT INTO solo.settings VALUES ('a', '1')", "UPDATE solo.settings SET value = '2'");
        assertEquals(List.of(List.of("INSERT", "1"), List.of("UPDATE", "1")),
                db.query("SELECT operation, value FROM solo_audit.settings_hist ORDER BY history_id"));
        assertPasses(verify(CitusSingleShardTest.SINGLE_SHARD));
        apply(CitusSingleShardTest.SINGLE_SHARD);
        assertEquals("2", db.single("SELECT count(*) FROM solo_audit.settings_hist"), "a second apply changes nothing");
    }

    @Test
    void aDistributionLeftToTheDatabaseIsLocalWithoutCitus() throws SQLException, IOException {
        db.execute("CREATE SCHEMA solo", "CREATE TABLE solo.legacy (id bigint PRIMARY KEY, v text)");
        Path spec = temp.resolve("citus-audit.yaml");
        Files.writeString(spec, "schema: solo\ntables:\n  - { name: legacy, columns: existing }\n", StandardCharsets.UTF_8);
        apply(spec.toFile());
        db.execute("INSERT INTO solo.legacy VALUES (1, 'x')");
        assertEquals("INSERT", db.single("SELECT operation FROM solo.legacy_hist"));
        assertPasses(verify(spec.toFile()));
    }

    private static void assertPasses(VerifyReport report) {
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "history table", "trigger function", "triggers"),
                report.results().stream().map(CheckResult::check).distinct().toList());
    }

    private static void apply(File spec) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, server.settings(), null, false, "5s"));
    }

    private VerifyReport verify(File spec) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, server.settings(), null, temp.toFile(),
                false));
    }
}
