package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.InfoReport;
import io.github.citusaudit.report.TableInfo;
import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.RecordingConsole;

/** Tier 1: info on a real PostgreSQL, before apply, after it with history, and with the trigger disabled; it changes nothing. */
class InfoTest extends PostgresTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @BeforeEach
    void dropEverything() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE");
    }

    @Test
    void infoSaysWhatIsInstalledAndWhatHistoryHolds() throws SQLException {
        assertEquals(new TableInfo("shard6.account", null, "not installed", null, null, "no history table", null, null), info());

        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, server.settings(), null, false, "5s"));
        TableInfo empty = info();
        assertEquals("plain", empty.mode());
        assertEquals("0", empty.historyRows());
        assertEquals("never", empty.lastChange());

        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (7, 'a', 1, 1, 1)",
                "UPDATE shard6.account SET status = 2", "DELETE FROM shard6.account");
        TableInfo written = info();
        assertEquals("3", written.historyRows());
        assertEquals(db.single("SELECT date_trunc('second', replaced)::text FROM shard6.account_hist ORDER BY account_hist_id DESC"
                + " LIMIT 1"), written.lastChange());
        assertEquals(db.single("SELECT pg_size_pretty(pg_total_relation_size('shard6.account_hist'))"), written.historySize());

        db.execute("ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        String catalog = "SELECT string_agg(tgname::text || tgenabled::text || xmin::text, ',') FROM pg_trigger WHERE NOT tgisinternal";
        String before = db.single(catalog);
        RecordingConsole console = new RecordingConsole();
        InfoReport report = new InfoCommand(console).run(new Requests.Info(SEED, server.settings()));
        assertEquals("plain (trigger disabled)", report.tables().get(0).mode());
        assertEquals(before, db.single(catalog), "info changed the catalog");
        List<String> row = console.containing("shard6.account |");
        assertEquals(1, row.size(), String.join("\n", console.lines()));
        assertTrue(row.get(0).replaceAll(" +", " ").startsWith("shard6.account | - | plain (trigger disabled) | - | - | 3 | "), row.get(0));
    }

    private static TableInfo info() {
        return new InfoCommand(Console.system()).run(new Requests.Info(SEED, server.settings())).tables().get(0);
    }
}
