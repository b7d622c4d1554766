package io.github.citusaudit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/**
 * Several clients make a random mix of INSERT, UPDATE and DELETE on oracle.ledger, each on keys of
 * its own, and note the history row each committed change must leave: INSERT with the new row,
 * UPDATE and DELETE with the version they replaced. A statement that fails leaves nothing (its
 * transaction rolled back) and is not noted. The history must then equal the notes, as a multiset.
 */
public final class OracleWorkload {

    /** A history row as the oracle expects it. */
    public record Row(String op, long id, long tenant, long balance) {
    }

    /** Client {@code n} connects to node {@code n % nodes.size()}. */
    private final List<ConnectionSettings> nodes;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String firstFailure;
    private volatile boolean stopping;
    /** Each operation holds it shared; a maintenance window holds it alone (fair, so it is not starved). */
    private final ReadWriteLock gate = new ReentrantReadWriteLock(true);

    public OracleWorkload(ConnectionSettings settings) {
        this(List.of(settings));
    }

    /** Clients spread over these nodes (on Citus 11 and later an application may write through any node). */
    public OracleWorkload(List<ConnectionSettings> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public int done() {
        return done.get();
    }

    public int failed() {
        return failed.get();
    }

    /** The message of the first statement that failed, or null. */
    public String firstFailure() {
        return firstFailure;
    }

    /** The clients end after the operation they are in, however many they were given. */
    public void stop() {
        stopping = true;
    }

    /** A maintenance window: the clients wait (they do not fail) until the work is done. */
    public void pauseWritesWhile(Maintenance work) throws SQLException {
        gate.writeLock().lock();
        try {
            work.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Work done while the clients wait. */
    public interface Maintenance {
        void run() throws SQLException;
    }

    /** Runs the clients to the end and returns what the history must hold. */
    public List<Row> run(int clients, int operationsPerClient, long seed) throws Exception {
        return run(clients, operationsPerClient, seed, () -> false);
    }

    /**
     * Runs the clients until each has made {@code minimumOperationsPerClient} changes and
     * {@code keepGoing} says stop, so that a layout change of unknown length happens with writes
     * before, during and after it.
     */
    public List<Row> run(int clients, int minimumOperationsPerClient, long seed, BooleanSupplier keepGoing) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Row>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> client(client, minimumOperationsPerClient, keepGoing, new Random(seed + client))));
            }
            List<Row> expected = new ArrayList<>();
            for (Future<List<Row>> future : futures) {
                expected.addAll(future.get());
            }
            return expected;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the clients around a change (a shard move, a rebalance, a table rebuild): the change
     * starts once {@code before} operations are done, and the clients go on until {@code after}
     * more were made after it ended, so writes come before, during and after it. The change's
     * failure fails the run; waiting for it is bounded by {@code limit}.
     */
    public List<Row> runAround(int clients, int before, int after, long seed, Duration limit, Maintenance change) throws Exception {
        AtomicBoolean changed = new AtomicBoolean();
        AtomicInteger doneWhenChanged = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread changer = new Thread(() -> {
            try {
                while (done() < before) {
                    Thread.sleep(20);
                }
                change.run();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                doneWhenChanged.set(done());
                changed.set(true);
            }
        }, "change-during-writes");
        changer.setDaemon(true);
        changer.start();
        List<Row> expected = run(clients, (before + after) / clients, seed,
                () -> !changed.get() || done() < doneWhenChanged.get() + after);
        changer.join(limit.toMillis());
        if (changer.isAlive()) {
            throw new IllegalStateException("the change did not end within " + limit);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the change failed: " + failure.get(), failure.get());
        }
        if (done() < doneWhenChanged.get() + after) {
            throw new IllegalStateException("the clients stopped before " + after + " writes after the change");
        }
        return expected;
    }

    private List<Row> client(int client, int operations, BooleanSupplier keepGoing, Random random) throws SQLException {
        List<Row> expected = new ArrayList<>();
        Map<Long, Long> live = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        long next = client * 1_000_000L;
        try (Connection c = new Database(nodes.get(client % nodes.size())).connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO oracle.ledger (id, tenant, balance) VALUES (?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE oracle.ledger SET balance = ? WHERE id = ? AND tenant = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM oracle.ledger WHERE id = ? AND tenant = ?")) {
            for (int n = 0; (n < operations || keepGoing.getAsBoolean()) && !stopping; n++) {
                double dice = random.nextDouble();
                gate.readLock().lock();
                try {
                    if (keys.isEmpty() || dice < 0.4) {
                        long id = ++next;
                        long balance = random.nextInt(1_000_000);
                        insert.setLong(1, id);
                        insert.setLong(2, id);
                        insert.setLong(3, balance);
                        insert.executeUpdate();
                        live.put(id, balance);
                        keys.add(id);
                        expected.add(new Row("INSERT", id, id, balance));
                    } else if (dice < 0.75) {
                        long id = keys.get(random.nextInt(keys.size()));
                        long old = live.get(id);
                        long balance = old + 1 + random.nextInt(1000);
                        update.setLong(1, balance);
                        update.setLong(2, id);
                        update.setLong(3, id);
                        if (update.executeUpdate() != 1) {
                            throw new IllegalStateException("row " + id + " vanished");
                        }
                        live.put(id, balance);
                        expected.add(new Row("UPDATE", id, id, old));
                    } else {
                        int index = random.nextInt(keys.size());
                        long id = keys.get(index);
                        delete.setLong(1, id);
                        delete.setLong(2, id);
                        if (delete.executeUpdate() != 1) {
                            throw new IllegalStateException("row " + id + " vanished");
                        }
                        expected.add(new Row("DELETE", id, id, live.remove(id)));
                        Collections.swap(keys, index, keys.size() - 1);
                        keys.remove(keys.size() - 1);
                    }
                } catch (SQLException e) {
                    // autocommit: the statement's transaction rolled back, so it must have left no history
                    if (failed.getAndIncrement() == 0) {
                        firstFailure = e.getMessage();
                    }
                } finally {
                    gate.readLock().unlock();
                }
                done.incrementAndGet();
            }
        }
        return expected;
    }

    /** Multiset difference, for a readable failure: rows with their surplus (+) or shortfall (-). */
    public static Map<Row, Integer> difference(List<Row> expected, List<Row> actual) {
        Map<Row, Integer> counts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        expected.forEach(r -> counts.merge(r, -1, Integer::sum));
        actual.forEach(r -> counts.merge(r, 1, Integer::sum));
        counts.values().removeIf(v -> v == 0);
        return counts;
    }

    public static List<Row> history(TestDatabase db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (List<String> row : db.query("SELECT op, id, tenant, balance FROM oracle.ledger_hist")) {
            rows.add(new Row(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), Long.parseLong(row.get(3))));
        }
        return rows;
    }
}
