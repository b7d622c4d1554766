package io.github.citusaudit.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: a table that is not there, or not as declared, ends its checks early and says why. */
class TableChecksTest extends PostgresTestSupport {

    private final TableSpec account = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml")).tables().get(0);

    @BeforeEach
    void noTable() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE");
    }

    @Test
    void aMissingTableIsReportedUnderDistributionAndNothingElseIsAsked() throws SQLException {
        assertEquals(List.of("distribution: table shard6.account does not exist: run apply"), check());
    }

    @Test
    void aDeclaredColumnTheTableLacksStopsAtTheSourceColumns() throws SQLException {
        db.execute("CREATE SCHEMA shard6", "CREATE TABLE shard6.account (account_id bigint)");
        assertEquals(List.of("source columns: the spec declares column 'entered' of shard6.account but the table in the database"
                + " has no such column; add it to the table or remove it from the spec"), check());
    }

    /** Each result as "check: finding", or just "check" when it passed. */
    private List<String> check() throws SQLException {
        try (Connection connection = new Database(server.settings()).connect()) {
            TableChecks checks = new TableChecks(connection, ServerInfo.detect(connection), TriggerMode.NATIVE,
                    new InstallPlan(new TemplateRenderer(null)), List.of(account));
            return checks.check(account).stream().map(TableChecksTest::describe).toList();
        }
    }

    private static String describe(CheckResult result) {
        return result.check() + result.findings().stream().map(f -> ": " + f).reduce("", String::concat);
    }
}
