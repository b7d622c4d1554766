package io.github.citusaudit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: the one question about a table's own audit trigger, for apply's read-back and verify. */
class AuditTriggerTest extends PostgresTestSupport {

    private final TableSpec account = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml")).tables().get(0);

    @BeforeEach
    void tableWithItsTrigger() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE", "CREATE SCHEMA shard6", "CREATE TABLE shard6.account (id int)",
                "CREATE FUNCTION shard6.account_audit() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
                "CREATE FUNCTION shard6.other() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
                "CREATE TRIGGER account_audit AFTER INSERT ON shard6.account FOR EACH ROW EXECUTE FUNCTION shard6.account_audit()");
    }

    @Test
    void anEnabledTriggerCallingTheAuditFunctionHasNoProblem() throws SQLException {
        assertEquals(Optional.empty(), problem());
    }

    @Test
    void aDisabledTriggerSaysHow() throws SQLException {
        db.execute("ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        assertEquals(Optional.of("trigger account_audit is disabled (tgenabled=D)"), problem());
    }

    @Test
    void aTriggerOfThatNameCallingAnotherFunctionIsNotTheAuditTrigger() throws SQLException {
        db.execute("DROP TRIGGER account_audit ON shard6.account",
                "CREATE TRIGGER account_audit AFTER INSERT ON shard6.account FOR EACH ROW EXECUTE FUNCTION shard6.other()");
        assertEquals(Optional.of("trigger account_audit is missing"), problem());
    }

    @Test
    void problemsNameTheirTable() throws SQLException {
        db.execute("DROP TRIGGER account_audit ON shard6.account");
        try (Connection connection = new Database(server.settings()).connect()) {
            assertEquals(List.of("shard6.account: trigger account_audit is missing"), AuditTrigger.problems(connection, List.of(account)));
        }
    }

    private Optional<String> problem() throws SQLException {
        try (Connection connection = new Database(server.settings()).connect()) {
            return AuditTrigger.problem(connection, account);
        }
    }
}
