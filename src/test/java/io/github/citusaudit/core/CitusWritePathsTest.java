package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.HistoryOracle;

/**
 * Tier 2, completeness on every bulk write path Citus plans differently (both trigger modes, 32 shards):
 * COPY, INSERT ... SELECT pushed down, repartitioned and pulled to the coordinator, multi-shard
 * UPDATE and DELETE in and out of a transaction and rolled back, MERGE, and upserts. Each case
 * compares the history with an oracle of what the statements did: nothing lost, nothing doubled.
 */
class CitusWritePathsTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/completeness.yaml");

    private final HistoryOracle oracle = new HistoryOracle();

    private void install(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), mode, false, "30s"));
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void copyOfAHundredThousandRowsRecordsEachOnce(TriggerMode mode) throws Exception {
        install(mode);
        int rows = 100_000;
        StringBuilder data = new StringBuilder();
        for (long id = 1; id <= rows; id++) {
            data.append(id).append('\t').append(id).append('\t').append(id % 1000).append('\n');
            oracle.inserted(id, id % 1000);
        }
        try (Connection c = new Database(cluster.coordinator()).connect()) {
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY oracle.ledger (id, tenant, balance) FROM STDIN", new StringReader(data.toString()));
            assertEquals(rows, copied);
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", COPY " + rows + " rows", db);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void insertSelectInEachOfCitusPlans(TriggerMode mode) throws SQLException {
        install(mode);
        createColocatedSource(1_000);
        assertPlan("INSERT INTO oracle.ledger SELECT id, tenant, balance FROM oracle.source", "Citus Adaptive");
        db.execute("INSERT INTO oracle.ledger SELECT id, tenant, balance FROM oracle.source");
        for (long id = 1; id <= 1_000; id++) {
            oracle.inserted(id, id * 3);
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", INSERT ... SELECT pushed down (colocated source)", db);

        String repartitioned = "INSERT INTO oracle.ledger SELECT id + 10000, tenant + 10000, balance FROM oracle.source";
        assertPlan(repartitioned, "INSERT/SELECT method: repartition");
        db.execute(repartitioned);
        for (long id = 1; id <= 1_000; id++) {
            oracle.inserted(id + 10_000, id * 3);
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", INSERT ... SELECT repartitioned (another distribution value)", db);

        String pulled = "INSERT INTO oracle.ledger SELECT id + 20000, tenant + 20000, balance FROM oracle.source ORDER BY id LIMIT 500";
        assertPlan(pulled, "INSERT/SELECT method: pull to coordinator");
        db.execute(pulled);
        for (long id = 1; id <= 500; id++) {
            oracle.inserted(id + 20_000, id * 3);
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", INSERT ... SELECT pulled to the coordinator (LIMIT)", db);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void multiShardUpdatesAndDeletesInAndOutOfTransactionsAndRollbacks(TriggerMode mode) throws SQLException {
        install(mode);
        db.execute("INSERT INTO oracle.ledger SELECT g, g, g FROM generate_series(1, 2000) g");
        for (long id = 1; id <= 2_000; id++) {
            oracle.inserted(id, id);
        }
        db.execute("UPDATE oracle.ledger SET balance = balance + 1");
        oracle.ids().forEach(id -> oracle.updated(id, oracle.balance(id) + 1));
        oracle.assertComplete(mode.name().toLowerCase() + ", multi-shard UPDATE of every row", db);

        try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE oracle.ledger SET balance = balance * 2 WHERE id % 3 = 0");
            s.execute("DELETE FROM oracle.ledger WHERE id % 5 = 0");
            c.commit();
        }
        for (long id : oracle.ids()) {
            if (id % 3 == 0) {
                oracle.updated(id, oracle.balance(id) * 2);
            }
            if (id % 5 == 0) {
                oracle.deleted(id);
            }
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", multi-shard UPDATE and DELETE in one transaction", db);

        try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE oracle.ledger SET balance = 0");
            s.execute("DELETE FROM oracle.ledger");
            s.execute("INSERT INTO oracle.ledger SELECT g, g, g FROM generate_series(50001, 50100) g");
            c.rollback();
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", multi-shard UPDATE, DELETE and INSERT rolled back", db);

        db.execute("DELETE FROM oracle.ledger WHERE id > 1000");
        oracle.ids().stream().filter(id -> id > 1000).forEach(oracle::deleted);
        oracle.assertComplete(mode.name().toLowerCase() + ", multi-shard DELETE", db);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void mergeAndUpsertsRecordWhatEachRowActuallyDid(TriggerMode mode) throws SQLException {
        install(mode);
        db.execute("INSERT INTO oracle.ledger SELECT g, g, g FROM generate_series(1, 600) g");
        for (long id = 1; id <= 600; id++) {
            oracle.inserted(id, id);
        }
        // The source: ids 301..900, matching half of the table. A negative balance deletes the match.
        createColocatedSource(0);
        db.execute("INSERT INTO oracle.source SELECT g, g, CASE WHEN g % 7 = 0 THEN -1 ELSE g * 10 END"
                + " FROM generate_series(301, 900) g");
        db.execute("MERGE INTO oracle.ledger t USING oracle.source s ON t.id = s.id AND t.tenant = s.tenant"
                + " WHEN MATCHED AND s.balance < 0 THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET balance = s.balance"
                + " WHEN NOT MATCHED AND s.balance >= 0 THEN INSERT (id, tenant, balance) VALUES (s.id, s.tenant, s.balance)");
        for (long id = 301; id <= 900; id++) {
            long balance = id % 7 == 0 ? -1 : id * 10;
            if (oracle.has(id)) {
                if (balance < 0) {
                    oracle.deleted(id);
                } else {
                    oracle.updated(id, balance);
                }
            } else if (balance >= 0) {
                oracle.inserted(id, balance);
            }
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", MERGE (update, delete and insert by row)", db);

        // Upserts: ids 801..1000, half of them present; an upsert to the same balance changes nothing.
        db.execute("INSERT INTO oracle.ledger SELECT g, g, CASE WHEN g % 2 = 0 THEN g ELSE g * 10 END"
                + " FROM generate_series(801, 1000) g ON CONFLICT (id, tenant) DO UPDATE SET balance = EXCLUDED.balance");
        for (long id = 801; id <= 1000; id++) {
            long balance = id % 2 == 0 ? id : id * 10;
            if (oracle.has(id)) {
                oracle.updated(id, balance);
            } else {
                oracle.inserted(id, balance);
            }
        }
        oracle.assertComplete(mode.name().toLowerCase() + ", INSERT ... ON CONFLICT DO UPDATE (inserts, updates, unchanged rows)", db);
    }

    /** oracle.source, colocated with the ledger, with {@code rows} rows (id = tenant, balance = 3 id). */
    private void createColocatedSource(int rows) throws SQLException {
        db.execute("CREATE TABLE oracle.source (id bigint NOT NULL, tenant bigint NOT NULL, balance bigint NOT NULL)",
                "SELECT create_distributed_table('oracle.source', 'tenant', colocate_with => 'oracle.ledger')",
                "INSERT INTO oracle.source SELECT g, g, 3 * g FROM generate_series(1, " + rows + ") g");
    }

    /** The case really takes the plan it is named for: EXPLAIN says so. */
    private void assertPlan(String sql, String expected) throws SQLException {
        String plan = String.join("\n", db.query("EXPLAIN " + sql).stream().map(r -> r.get(0)).toList());
        assertTrue(plan.contains(expected), "expected the plan to say '" + expected + "':\n" + plan);
    }
}
