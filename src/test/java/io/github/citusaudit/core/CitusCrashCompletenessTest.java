package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.LocalWorker;

/**
 * Tier 2, completeness through crashes (native mode): clients commit multi-shard transactions
 * (two-phase commit across the workers) while a worker, then the coordinator, is killed
 * ({@code pg_ctl -m immediate}) and restarted, then {@code recover_prepared_transactions()}. Clients
 * see errors and cannot know what committed, so each row carries a version every UPDATE increments,
 * and the history of each key must be exactly: its INSERT (version 1), one UPDATE per version step
 * (each recording the version it replaced), and a DELETE of the last version if the row is gone —
 * the last recorded version agreeing with the table's row.
 */
class CitusCrashCompletenessTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/crash.yaml");
    private static final int CLIENTS = 4;
    private static final int KEYS_PER_CLIENT = 100;
    private static final int TRANSACTIONS_PER_CLIENT = 400;

    @Test
    void aWorkerKilledWhileMultiShardTransactionsCommit() throws Exception {
        assertTrue(cluster.nodesAreLocal(), "the crash test needs a cluster the tests started");
        runThroughACrash("worker killed and restarted", cluster.worker(1));
    }

    @Test
    void theCoordinatorKilledWhileMultiShardTransactionsCommit() throws Exception {
        assertTrue(cluster.nodesAreLocal(), "the crash test needs a cluster the tests started");
        runThroughACrash("coordinator killed and restarted", cluster.coordinatorNode());
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
