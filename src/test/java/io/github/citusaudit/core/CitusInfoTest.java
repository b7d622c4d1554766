package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.TableInfo;
import io.github.citusaudit.testing.CitusTestSupport;

/** Tier 2: info on a real Citus cluster in both modes: placements with the trigger, shards on the slow path after a split. */
class CitusInfoTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @Test
    void nativeModeCountsPlacementsAndTheShardsASplitPutOnTheSlowPath() throws SQLException {
        apply(TriggerMode.NATIVE);
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                + " SELECT g, 'c', 1, 1, 1 FROM generate_series(1, 50) g", "UPDATE shard6.account SET status = 2 WHERE client_id <= 10");
        TableInfo info = info();
        assertEquals(new TableInfo("shard6.account", "hash by client_id, 32 shards", "native", "32 of 32", "0 of 32", "60",
                db.single("SELECT pg_size_pretty(citus_total_relation_size('shard6.account_hist'))"),
                db.single("SELECT date_trunc('second', max(replaced))::text FROM shard6.account_hist")), info);

        splitLastShardBlockingWrites("shard6.account");
        info = info();
        assertEquals("hash by client_id, 33 shards", info.distribution());
        assertEquals("33 of 33", info.placements());
        assertEquals("2 of 33", info.slowPath());
    }

    @Test
    void placementModeIsToldByItsFunctions() throws SQLException {
        apply(TriggerMode.PLACEMENT);
        TableInfo info = info();
        assertEquals("placement", info.mode());
        assertEquals("32 of 32", info.placements());
        assertEquals(null, info.slowPath());
        assertEquals("0", info.historyRows());
        assertEquals("never", info.lastChange());
    }

    private static void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, cluster.coordinator(), mode, false, "10s"));
    }

    private static TableInfo info() {
        return new InfoCommand(Console.system()).run(new Requests.Info(SEED, cluster.coordinator())).tables().get(0);
    }
}
