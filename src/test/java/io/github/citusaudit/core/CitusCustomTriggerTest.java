package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.spec.SpecException;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.Psql;

/**
 * Tier 2, custom triggers: the seed's embiggen (little_vals -> big_vals, val * 2) through a shard
 * move and a split; a per-tenant counter kept by triggers through 10,000 random operations with a
 * move and a split mid-run; a target that is not colocated refused; a body that changes the
 * distribution value routed through the distributed tables (auto) or refused (static); the
 * generated script run with psql; verify and drop.
 */
class CitusCustomTriggerTest extends CitusTestSupport {

    private static final File EMBIGGEN = new File("src/examples/little-big/citus-audit.yaml");
    private static final Path EMBIGGEN_TABLES = Path.of("src/examples/little-big/tables.sql");
    private static final File COUNTS = new File("src/examples/tenant-counts/citus-audit.yaml");
    private static final Path COUNTS_TABLES = Path.of("src/examples/tenant-counts/tables.sql");
    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 2_500;
    private static final int TENANTS = 40;

    @Test
    void embiggenWritesEveryRowDoubledThroughAMoveAndASplit() throws Exception {
        createTables(EMBIGGEN_TABLES);
        apply(EMBIGGEN);
        assertEquals(32, branches("embiggen"), "one static branch per shard pair");
        insertLittle(1, 500);
        String moved = moveFirstShardBlockingWrites("shard7.little_vals");
        assertEquals(db.single("SELECT nodeport FROM citus_shards WHERE shardid = " + moved),
                db.single("SELECT c.nodeport FROM citus_shards c JOIN pg_dist_shard s ON s.shardid = c.shardid"
                        + " WHERE c.table_name = 'shard7.big_vals'::regclass AND s.shardminvalue = (SELECT shardminvalue"
                        + " FROM pg_dist_shard WHERE shardid = " + moved + ")"), "big_vals' shard moved with it");
        insertLittle(501, 1000);
        splitLastShardBlockingWrites("shard7.little_vals");
        insertLittle(1001, 1500);
        assertEmbiggened(1500);

        VerifyReport beforeApply = verify(EMBIGGEN, false);
        List<String> failing = beforeApply.results().stream().filter(r -> !r.passed()).map(CheckResult::check).toList();
        assertEquals(List.of("trigger function", "shard coverage"), failing, "the split's new shards are named");
        apply(EMBIGGEN);
        assertEquals(33, branches("embiggen"));
        insertLittle(1501, 2000);
        assertEmbiggened(2000);
        assertTrue(verify(EMBIGGEN, true).passed());
    }

    @Test
    void tenantCountsEqualTheRealCountsAfterTenThousandRandomOperationsThroughAMoveAndASplit() throws Exception {
        createTables(COUNTS_TABLES);
        apply(COUNTS);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> changes = new ArrayList<>();
        Thread mover = new Thread(() -> {
            try {
                waitFor(done, CLIENTS * OPERATIONS_PER_CLIENT * 3 / 10);
                changes.add("moved shard " + moveFirstShardBlockingWrites("shop.orders") + " at " + done.get());
                waitFor(done, CLIENTS * OPERATIONS_PER_CLIENT * 6 / 10);
                splitLastShardBlockingWrites("shop.orders");
                changes.add("split at " + done.get());
            } catch (Exception e) {
                changes.add("failed: " + e);
            }
        });
        mover.start();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> orders(client, new Random(20261125L + client), done, failed)));
        }
        for (Future<Integer> client : clients) {
            client.get();
        }
        pool.shutdown();
        mover.join();
        assertEquals(List.of("moved shard", "split at"), changes.stream().map(c -> c.replaceAll(" [0-9]+.*", "")).toList(),
                String.join("; ", changes));
        assertEquals("33", db.single("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'shop.orders'::regclass"));
        List<List<String>> real = db.query("SELECT tenant_id, count(*) FROM shop.orders GROUP BY 1 ORDER BY 1");
        List<List<String>> counted = db.query("SELECT tenant_id, orders FROM shop.order_counts WHERE orders <> 0 ORDER BY 1");
        System.out.println("[custom triggers] tenant counts: " + done.get() + " operations (" + failed.get() + " failed), "
                + String.join(", ", changes) + "; " + real.size() + " tenants with orders, "
                + db.single("SELECT count(*) FROM shop.orders") + " orders, counter total "
                + db.single("SELECT sum(orders) FROM shop.order_counts"));
        assertEquals(CLIENTS * OPERATIONS_PER_CLIENT, done.get());
        assertEquals(0, failed.get());
        assertEquals(real, counted);
        assertEquals("0", db.single("SELECT count(*) FROM shop.order_counts WHERE orders < 0"));
    }

    @Test
    void aTargetThatIsNotColocatedIsRefusedWhereTheSpecNamesItAndNothingIsCreated(@TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA shard7", "CREATE TABLE shard7.little_vals (key int, val int)",
                "CREATE TABLE shard7.big_vals (key int, val int)", "SELECT create_distributed_table('shard7.little_vals', 'key')",
                "SELECT create_distributed_table('shard7.big_vals', 'key', colocate_with => 'none')");
        SpecException refused = assertThrows(SpecException.class, () -> apply(EMBIGGEN));
        assertTrue(refused.getMessage().startsWith(EMBIGGEN.getPath() + ":14:12: target shard7.big_vals ({{big}}) of trigger"
                + " 'embiggen' is not colocated with shard7.little_vals"), refused.getMessage());
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname = 'embiggen'"));
        List<CheckResult> verified = verify(EMBIGGEN, false).results();
        assertEquals(List.of("tables"), verified.stream().map(CheckResult::check).toList(), "nothing else is asked");
        assertTrue(verified.get(0).findings().get(0).message().contains("is not colocated with shard7.little_vals"),
                verified.toString());
        File unknown = spec(dir, "big: huge_vals", "INSERT INTO {{big}} (key, val) VALUES (NEW.key, NEW.val * 2);", "auto");
        SpecException missing = assertThrows(SpecException.class, () -> apply(unknown));
        assertTrue(missing.getMessage().contains(":9:12: unknown target shard7.huge_vals ({{big}}) of trigger 'embiggen': no"
                + " such table"), missing.getMessage());
    }

    /**
     * A body that writes key + 1: the row belongs to the shard of key + 1, not the one beside the
     * trigger's row. Auto routing sends it through the distributed big_vals (no static branch), so
     * that a router query on its key finds every row; static routing is refused at the body's line.
     */
    @Test
    void aBodyThatChangesTheDistributionValueIsRoutedThroughCitusOrRefused(@TempDir Path dir) throws Exception {
        createTables(EMBIGGEN_TABLES);
        String shifting = "INSERT INTO {{big}} (key, val) VALUES (NEW.key + 1, NEW.val * 2);";
        SpecException refused = assertThrows(SpecException.class, () -> apply(spec(dir, "big: big_vals", shifting, "static")));
        assertTrue(refused.getMessage().contains(":11:19: routing: static, but the INSERT into {{big}} gives its distribution"
                + " column 'key' a value other than NEW.key"), refused.getMessage());
        apply(spec(dir, "big: big_vals", shifting, "auto"));
        assertEquals(0, branches("embiggen"), "no static branch: every row goes through the distributed table");
        insertLittleOneByOne(1, 300);
        splitLastShardBlockingWrites("shard7.little_vals");
        insertLittleOneByOne(301, 390);
        // In transactions over both workers (two-phase commit): the rows written from the workers
        // commit and roll back with the change that made them.
        db.execute("BEGIN", "INSERT INTO shard7.little_vals SELECT g, g FROM generate_series(391, 400) g", "COMMIT");
        db.execute("BEGIN", "INSERT INTO shard7.little_vals SELECT g, g FROM generate_series(1001, 1010) g", "ROLLBACK");
        try (Connection connection = new Database(cluster.coordinator()).connect();
                PreparedStatement routed = connection.prepareStatement("SELECT count(*) FROM shard7.big_vals WHERE key = ?"
                        + " AND val = ?")) {
            for (int key = 1; key <= 400; key++) {
                routed.setInt(1, key + 1);
                routed.setInt(2, key * 2);
                try (var rs = routed.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the row for key " + key + " is in the shard that owns " + (key + 1));
                }
            }
        }
        assertEquals("400", db.single("SELECT count(*) FROM shard7.big_vals"));
        assertTrue(verify(dir.resolve("citus-audit.yaml").toFile(), true).passed());
    }

    @Test
    void theGeneratedEmbiggenScriptRunsWithPsqlOnTheCoordinatorAndDropRemovesIt(@TempDir Path out) throws Exception {
        assumeTrue(Psql.available(), "psql is not installed");
        new GenerateCommand(Console.system()).run(new Requests.Generate(EMBIGGEN, null, out.toFile(), null, null));
        Psql.Outcome tables = Psql.run(cluster.coordinator(), EMBIGGEN_TABLES);
        assertEquals(0, tables.exitCode(), tables.output());
        for (int run = 1; run <= 2; run++) {
            Psql.Outcome install = Psql.run(cluster.coordinator(), out.resolve("install.sql"));
            assertEquals(0, install.exitCode(), install.output());
        }
        assertEquals(32, branches("embiggen"));
        insertLittle(1, 100);
        assertEmbiggened(100);
        assertTrue(verify(EMBIGGEN, true).passed());

        new DropCommand(Console.system()).run(new Requests.Drop(EMBIGGEN, null, cluster.coordinator(), false, null));
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname = 'embiggen'"));
        assertEquals("0", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'embiggen'"));
        insertLittle(101, 110);
        assertEquals("100", db.single("SELECT count(*) FROM shard7.big_vals"), "no trigger any more");
        assertFalse(verify(EMBIGGEN, false).passed());
    }

    /** One client: INSERTs and DELETEs of its own orders over the shared tenants. */
    private static int orders(int client, Random random, AtomicInteger done, AtomicInteger failed) throws SQLException {
        List<long[]> live = new ArrayList<>();
        long next = client * 1_000_000L;
        try (Connection c = new Database(cluster.coordinator()).connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO shop.orders (tenant_id, order_id, amount) VALUES (?, ?, 1)");
                PreparedStatement delete = c.prepareStatement("DELETE FROM shop.orders WHERE tenant_id = ? AND order_id = ?")) {
            for (int n = 0; n < OPERATIONS_PER_CLIENT; n++) {
                try {
                    if (live.isEmpty() || random.nextDouble() < 0.6) {
                        long[] order = {1 + random.nextInt(TENANTS), ++next};
                        insert.setLong(1, order[0]);
                        insert.setLong(2, order[1]);
                        insert.executeUpdate();
                        live.add(order);
                    } else {
                        long[] order = live.remove(random.nextInt(live.size()));
                        delete.setLong(1, order[0]);
                        delete.setLong(2, order[1]);
                        assertEquals(1, delete.executeUpdate());
                    }
                } catch (SQLException e) {
                    failed.incrementAndGet();
                    System.out.println("[custom triggers] client " + client + " failed: " + e.getMessage());
                }
                done.incrementAndGet();
            }
        }
        return live.size();
    }

    private static void waitFor(AtomicInteger done, int operations) throws InterruptedException {
        while (done.get() < operations) {
            Thread.sleep(20);
        }
    }

    /** A variant of the embiggen spec with other targets, body and routing. */
    private static File spec(Path dir, String target, String body, String routing) throws Exception {
        Path file = dir.resolve("citus-audit.yaml");
        Files.writeString(file, String.join("\n", "schema: shard7", "triggers:", "  - name: embiggen", "    table: little_vals",
                "    distributionColumn: key", "    events: [insert]", "    routing: " + routing, "    targets:", "      " + target,
                "    body: |", "      " + body, ""));
        return file.toFile();
    }

    private static void createTables(Path script) throws Exception {
        db.execute(Files.readString(script).replaceAll("(?m)^--.*$", "").split(";\\s*\\n"));
    }

    /** Single-row INSERTs, each routed by Citus to the shard of its key. */
    private static void insertLittleOneByOne(int from, int to) throws SQLException {
        try (Connection connection = new Database(cluster.coordinator()).connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO shard7.little_vals VALUES (?, ?)")) {
            for (int key = from; key <= to; key++) {
                insert.setInt(1, key);
                insert.setInt(2, key);
                insert.executeUpdate();
            }
        }
    }

    private static void insertLittle(int from, int to) throws SQLException {
        db.execute("INSERT INTO shard7.little_vals SELECT g, g FROM generate_series(" + from + ", " + to + ") g");
    }

    /** Every little_vals row has exactly one big_vals row with val * 2, in the shard beside it (a colocated join finds it). */
    private static void assertEmbiggened(int rows) throws SQLException {
        assertEquals(String.valueOf(rows), db.single("SELECT count(*) FROM shard7.little_vals"));
        assertEquals(String.valueOf(rows), db.single("SELECT count(*) FROM shard7.big_vals"), "none doubled, none lost");
        assertEquals(String.valueOf(rows), db.single("SELECT count(*) FROM shard7.little_vals l JOIN shard7.big_vals b"
                + " ON b.key = l.key AND b.val = l.val * 2"));
        assertNotEquals("0", db.single("SELECT count(DISTINCT key) FROM shard7.big_vals"));
    }

    private static int branches(String function) throws SQLException {
        String source = db.single("SELECT prosrc FROM pg_proc WHERE proname = '" + function + "'");
        return source.split("\n\\s*WHEN '", -1).length - 1;
    }

    private static void apply(File spec) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, cluster.coordinator(), TriggerMode.NATIVE, false, "30s"));
    }

    private static VerifyReport verify(File spec, boolean failOnDrift) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, cluster.coordinator(), TriggerMode.NATIVE,
                null, failOnDrift));
    }
}
