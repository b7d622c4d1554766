package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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

/** Tier 1: without Citus a reference table is a plain table, audited as any plain table is. */
class ReferenceTableTest extends PostgresTestSupport {

    private static final String FUNCTION = "SELECT prosrc FROM pg_proc WHERE oid = 'refs.country_audit()'::regprocedure";

    @TempDir
    Path temp;

    @BeforeEach
    void dropTheSchema() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS refs CASCADE");
    }

    @Test
    void withoutCitusAReferenceTableIsAuditedAsAPlainTable() throws Exception {
        apply(CitusReferenceTableTest.SPEC);
        db.execute("INSERT INTO refs.country VALUES ('fr', 'France', 68)", "UPDATE refs.country SET population = 69",
                "DELETE FROM refs.country");
        assertEquals(List.of(List.of("INSERT", "fr", "68"), List.of("UPDATE", "fr", "68"), List.of("DELETE", "fr", "69")),
                db.query("SELECT op, code, population FROM refs.country_hist ORDER BY hid"));
        VerifyReport report = new VerifyCommand(Console.system()).run(new Requests.Verify(CitusReferenceTableTest.SPEC, null,
                server.settings(), null, temp.toFile(), true));
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "history table", "trigger function", "triggers"),
                report.results().stream().map(CheckResult::check).toList());

        String referenceFunction = db.single(FUNCTION);
        db.execute("DROP SCHEMA refs CASCADE");
        Path local = temp.resolve("local.yaml");
        Files.writeString(local, Files.readString(CitusReferenceTableTest.SPEC.toPath())
                .replace("distribution: reference", "distribution: local"));
        apply(local.toFile());
        assertEquals(db.single(FUNCTION), referenceFunction, "the function of the same table declared local");
    }

    private static void apply(File spec) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, server.settings(), null, false, "30s"));
    }
}
