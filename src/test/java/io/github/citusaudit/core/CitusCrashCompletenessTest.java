package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.LocalWorker;
import io.github.citusaudit.testing.TestDatabase;

/**
 * Tier 2, completeness through crashes (native mode): clients commit multi-shard transactions
 * (two-phase commit across the workers) while a worker, then the coordinator, is killed
 * ({@code pg_ctl -m immediate}) and restarted, then {@code recover_prepared_transactions()}. Clients
 * see errors and cannot know what committed, so each row carries a version every UPDATE increments,
 * and the history of each key must be exactly: its INSERT (version 1), one UPDATE per version step
 * (each recording the version it replaced), and a DELETE of the last version if the row is gone —
 * the last recorded version agreeing with the table's row. Two more cases hold transactions in the
 * window two-phase commit recovery exists for (committed on the coordinator, still prepared on the
 * workers) and kill a node there, so that {@code recover_prepared_transactions()} has work to do.
 */
class CitusCrashCompletenessTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/crash.yaml");
    private static final int CLIENTS = 4;
    private static final int KEYS_PER_CLIENT = 100;
    private static final int TRANSACTIONS_PER_CLIENT = 400;

    /** What cut the first client transaction that failed, for the message of a test that fails. */
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    @Test
    void aWorkerKilledWhileMultiShardTransactionsCommit() throws Exception {
        assumeTrue(cluster.nodesAreLocal(), "kills and restarts nodes with pg_ctl: needs a cluster the tests started on this machine, not "
                + cluster.source());
        runThroughACrash("worker killed and restarted", cluster.worker(1));
    }

    @Test
    void theCoordinatorKilledWhileMultiShardTransactionsCommit() throws Exception {
        assumeTrue(cluster.nodesAreLocal(), "kills and restarts nodes with pg_ctl: needs a cluster the tests started on this machine, not "
                + cluster.source());
        runThroughACrash("coordinator killed and restarted", cluster.coordinatorNode());
    }

    /**
     * The window 2PC recovery exists for, made to happen every time: the coordinator has committed
     * (its commit record, and Citus' pg_dist_transaction records, are on disk) while the workers
     * still hold the transactions prepared, and the coordinator dies before its COMMIT PREPARED.
     * A synchronous standby that never answers holds the clients' backends in that window
     * (PostgreSQL waits for it after writing the commit record, before Citus' commit callback).
     */
    @Test
    void transactionsInDoubtWhenTheCoordinatorDiesAfterItsCommitAreRecoveredWithTheirHistory() throws Exception {
        assumeTrue(cluster.nodesAreLocal(), "kills and restarts nodes with pg_ctl: needs a cluster the tests started on this machine, not "
                + cluster.source());
        LocalWorker coordinator = cluster.coordinatorNode();
        runInDoubt("coordinator killed between its commit and COMMIT PREPARED", () -> {
            // written now, read at the restart: the coordinator comes back without the standby
            db.execute("ALTER SYSTEM RESET synchronous_standby_names");
            coordinator.stop();
            coordinator.start();
        });
    }

    /** The same window, with a worker dying instead: the coordinator's COMMIT PREPARED meets a dead connection. */
    @Test
    void transactionsInDoubtWhenAWorkerDiesBeforeCommitPreparedAreRecoveredWithTheirHistory() throws Exception {
        assumeTrue(cluster.nodesAreLocal(), "kills and restarts nodes with pg_ctl: needs a cluster the tests started on this machine, not "
                + cluster.source());
        LocalWorker worker = cluster.worker(2);
        runInDoubt("worker killed holding prepared transactions the coordinator committed", () -> {
            worker.stop();
            worker.start();
            db.execute("ALTER SYSTEM RESET synchronous_standby_names");
            db.execute("SELECT pg_reload_conf()");
        });
    }

    private interface Crash {
        void happen() throws Exception;
    }

    private void runInDoubt(String name, Crash crash) throws Exception {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), TriggerMode.NATIVE, false, "30s"));
        db.execute("INSERT INTO oracle.account SELECT g, g, 1, 0 FROM generate_series(1, " + CLIENTS * KEYS_PER_CLIENT + ") g");
        List<TestDatabase> workers = List.of(new TestDatabase(cluster.workerSettings(1)), new TestDatabase(cluster.workerSettings(2)));
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try {
            // the maintenance daemon would recover on its own: the test calls recovery itself
            db.execute("ALTER SYSTEM SET citus.recover_2pc_interval = -1",
                    "ALTER SYSTEM SET synchronous_standby_names = 'citus_audit_test_standby_never_there'",
                    "SELECT pg_reload_conf()");
            // the server reloads its configuration on its own time: a client must not start before
            waitFor(() -> db.single("SHOW synchronous_standby_names").startsWith("citus_audit"), "the configuration to reload");
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long client = c;
                clients.add(pool.submit(() -> updateEveryKeyOnce(client, committed, failed)));
            }
            waitFor(() -> {
                for (Future<?> client : clients) {
                    if (client.isDone()) {
                        client.get(); // a client that ended before its commit could wait says why
                        fail("a client's commit did not wait for the standby: committed " + committed + ", failed " + failed + " " + firstFailure);
                    }
                }
                return Integer.parseInt(db.single("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'"
                        + " AND query LIKE 'COMMIT%'")) == CLIENTS;
            }, "the clients' commits to wait for the standby");
            int prepared = preparedOn(workers);
            assertTrue(prepared >= CLIENTS, "every client's transaction is prepared on the workers: " + prepared);
            crash.happen();
            for (Future<?> client : clients) {
                client.get(2, TimeUnit.MINUTES);
            }
            int inDoubt = preparedOn(workers);
            assertTrue(inDoubt > 0, "the crash left prepared transactions on the workers");
            String recovered = db.single("SELECT recover_prepared_transactions()");
            assertEquals(inDoubt, Integer.parseInt(recovered), "recovery resolved every transaction in doubt");
            assertEquals(0, preparedOn(workers));
            // every client's transaction committed on the coordinator: recovery commits it everywhere
            assertEquals(String.valueOf(CLIENTS * KEYS_PER_CLIENT), db.single("SELECT count(*) FROM oracle.account WHERE version = 2"));
            int keys = assertEveryKeysHistory(name, committed.get(), failed.get());
            System.out.println("[completeness] native, " + name + ": " + inDoubt + " prepared transactions in doubt, "
                    + recovered + " recovered by recover_prepared_transactions(); " + keys + " per-key checks");
        } finally {
            pool.shutdownNow();
            db.execute("ALTER SYSTEM RESET synchronous_standby_names", "ALTER SYSTEM RESET citus.recover_2pc_interval",
                    "SELECT pg_reload_conf()");
        }
    }

    /**
     * One transaction per client updating each of its keys once, a statement per key (on both
     * workers: two-phase commit). Router statements, so that the clients' transactions wait for
     * nothing of each other's (multi-shard UPDATEs would queue behind the first one held).
     */
    private void updateEveryKeyOnce(long client, AtomicInteger committed, AtomicInteger failed) {
        try (Connection c = new Database(cluster.coordinator()).connect();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE oracle.account SET version = version + 1 WHERE id = ? AND tenant = ?")) {
            try (Statement s = c.createStatement()) {
                // these commits must flush and wait for the standby, whatever the cluster's default
                s.execute("SET synchronous_commit = on");
            }
            c.setAutoCommit(false);
            for (long id = client * KEYS_PER_CLIENT + 1; id <= (client + 1) * KEYS_PER_CLIENT; id++) {
                update.setLong(1, id);
                update.setLong(2, id);
                update.executeUpdate();
            }
            c.commit();
            committed.incrementAndGet();
        } catch (SQLException | ConnectionException e) {
            firstFailure.compareAndSet(null, e.toString());
            failed.incrementAndGet();
        }
    }

    private static int preparedOn(List<TestDatabase> workers) throws SQLException {
        int prepared = 0;
        for (TestDatabase worker : workers) {
            prepared += Integer.parseInt(worker.single("SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'citus\\_%'"));
        }
        return prepared;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private void runThroughACrash(String name, LocalWorker node) throws Exception {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), TriggerMode.NATIVE, false, "30s"));
        db.execute("INSERT INTO oracle.account SELECT g, g, 1, 0 FROM generate_series(1, " + CLIENTS * KEYS_PER_CLIENT + ") g");
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> client(client, new Random(1500L + client), committed, failed)));
        }
        try {
            while (committed.get() < CLIENTS * TRANSACTIONS_PER_CLIENT / 4) {
                Thread.sleep(20);
            }
            node.stop();
            Thread.sleep(2_000);
            node.start();
            for (Future<?> client : clients) {
                client.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        String recovered = db.single("SELECT recover_prepared_transactions()");
        int operations = assertEveryKeysHistory(name, committed.get(), failed.get());
        System.out.println("[completeness] native, " + name + ": recover_prepared_transactions() recovered " + recovered
                + "; " + operations + " per-key checks");
        assertTrue(failed.get() > 0, "the crash cut some transactions");
    }

    /** Each transaction updates two keys of the client's (usually on two workers), at times deletes one or inserts one. */
    private void client(int client, Random random, AtomicInteger committed, AtomicInteger failed) {
        long base = (long) client * KEYS_PER_CLIENT;
        long nextId = 1_000_000L * (client + 1);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        for (int n = 0; n < TRANSACTIONS_PER_CLIENT && System.nanoTime() < deadline; n++) {
            try (Connection c = new Database(cluster.coordinator()).connect();
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE oracle.account SET version = version + 1, balance = balance + ? WHERE id = ? AND tenant = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM oracle.account WHERE id = ? AND tenant = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO oracle.account (id, tenant, version, balance) VALUES (?, ?, 1, 0)")) {
                c.setAutoCommit(false);
                for (int k = 0; k < 2; k++) {
                    long id = base + 1 + random.nextInt(KEYS_PER_CLIENT);
                    update.setLong(1, 1 + random.nextInt(100));
                    update.setLong(2, id);
                    update.setLong(3, id);
                    update.executeUpdate();
                }
                double dice = random.nextDouble();
                if (dice < 0.1) {
                    long id = base + 1 + random.nextInt(KEYS_PER_CLIENT);
                    delete.setLong(1, id);
                    delete.setLong(2, id);
                    delete.executeUpdate();
                } else if (dice < 0.2) {
                    long id = ++nextId;
                    insert.setLong(1, id);
                    insert.setLong(2, id);
                    insert.executeUpdate();
                }
                c.commit();
                committed.incrementAndGet();
            } catch (SQLException | ConnectionException e) {
                // the node is down or the transaction was cut: what committed is read back from the table
                failed.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Checks every key's history against its row and prints the [completeness] line: expected rows
     * are what the table's versions imply, lost and doubled are the per-key shortfall and surplus.
     */
    private int assertEveryKeysHistory(String name, int committed, int failed) throws SQLException {
        Map<Long, Long> rows = new HashMap<>();
        for (List<String> row : db.query("SELECT id, version FROM oracle.account")) {
            rows.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
        }
        Map<Long, List<String[]>> histories = new HashMap<>();
        for (List<String> h : db.query("SELECT id, op, version FROM oracle.account_hist ORDER BY hid")) {
            histories.computeIfAbsent(Long.parseLong(h.get(0)), k -> new ArrayList<>()).add(new String[] {h.get(1), h.get(2)});
        }
        int expected = 0;
        int found = 0;
        int lost = 0;
        int doubled = 0;
        List<String> wrong = new ArrayList<>();
        java.util.Set<Long> keys = new java.util.TreeSet<>(rows.keySet());
        keys.addAll(histories.keySet());
        for (long id : keys) {
            List<String[]> history = histories.getOrDefault(id, List.of());
            Map<String, Integer> seen = new HashMap<>();
            for (String[] h : history) {
                seen.merge(h[0] + " " + h[1], 1, Integer::sum);
            }
            long updates = history.stream().filter(h -> h[0].equals("UPDATE")).count();
            boolean deleted = !rows.containsKey(id);
            long last = deleted ? updates + 1 : rows.get(id);
            // The history this key must have: INSERT 1, UPDATE 1 .. last-1, and DELETE last if gone.
            Map<String, Integer> must = new HashMap<>();
            must.put("INSERT 1", 1);
            for (long v = 1; v < last; v++) {
                must.put("UPDATE " + v, 1);
            }
            if (deleted) {
                must.put("DELETE " + last, 1);
            }
            expected += must.size();
            found += history.size();
            for (Map.Entry<String, Integer> m : must.entrySet()) {
                int had = seen.getOrDefault(m.getKey(), 0);
                lost += Math.max(0, 1 - had);
            }
            for (Map.Entry<String, Integer> s : seen.entrySet()) {
                doubled += s.getValue() - must.getOrDefault(s.getKey(), 0) > 0 ? s.getValue() - must.getOrDefault(s.getKey(), 0) : 0;
            }
            if (!seen.equals(must) && wrong.size() < 10) {
                wrong.add(id + ": history " + seen + ", the row implies " + must);
            }
        }
        System.out.println("[completeness] native, " + name + ": " + (committed + failed) + " transactions (" + committed
                + " committed as the clients saw it, " + failed + " cut), " + keys.size() + " keys, " + expected + " expected, "
                + found + " found, " + lost + " lost, " + doubled + " doubled");
        assertTrue(wrong.isEmpty(), "per-key history differs from the rows: " + wrong);
        assertEquals(expected, found);
        return keys.size();
    }
}
