package io.github.citusaudit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/**
 * Several clients make a random mix of INSERT, UPDATE and DELETE on oracle.ledger, each on keys of
 * its own, and note the history row each committed change must leave: INSERT with the new row,
 * UPDATE and DELETE with the version they replaced. A statement that fails leaves nothing (its
 * transaction rolled back) and is not noted. The history must then equal the notes, as a multiset,
 * and the table the rows as the clients left them ({@link #rows()}).
 *
 * <p>To explain a failure, each client also keeps a journal per key (what it did, when, and what
 * failed), and a row that a client's UPDATE or DELETE finds gone ("vanished": it had inserted and
 * committed it) is noted with whatever {@link #explainVanishedRowsWith} says about it at that moment
 * (where the row is now), the client goes on without that key, and the run ends with an
 * {@link IllegalStateException} naming every such row.
 */
public final class OracleWorkload {

    /** A history row as the oracle expects it. */
    public record Row(String op, long id, long tenant, long balance) {
    }

    /**
     * One statement of a client on one key: when it was sent and when it returned, the operation
     * number (operations done by all clients before it), the client, the statement, the history row it
     * must have left (null when it failed or found no row) and how it ended.
     */
    public record Step(Instant start, Instant end, int operation, int client, String statement, Row leaves, String outcome) {
        @Override
        public String toString() {
            return TIME.format(start) + ".." + TIME.format(end) + " #" + operation + " c" + client + " " + statement
                    + (outcome.isEmpty() ? "" : ": " + outcome);
        }
    }

    /** Times in UTC to the microsecond, as the history's changed_at is printed beside them. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** Client {@code n} connects to node {@code n % nodes.size()}. */
    private final List<ConnectionSettings> nodes;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    /** Per key, what its client did to it, in order (each key belongs to one client). */
    private final Map<Long, List<Step>> journal = new ConcurrentHashMap<>();
    /** The rows as the clients left them: id (also the tenant) to balance. */
    private final Map<Long, Long> rows = new ConcurrentHashMap<>();
    private final List<String> vanished = new CopyOnWriteArrayList<>();
    private final List<String> changeLog = new CopyOnWriteArrayList<>();
    private volatile LongFunction<String> explainVanished = key -> "";
    private volatile List<Row> expected = List.of();
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

    /** What the client of {@code key} did to it, in order. */
    public List<Step> journal(long key) {
        return journal.getOrDefault(key, List.of());
    }

    /** The rows as the clients left them (id, which is also the tenant, to balance): what the table must hold. */
    public Map<Long, Long> rows() {
        return new TreeMap<>(rows);
    }

    /** What the history must hold after the last {@link #run} (also when it ended because rows vanished). */
    public List<Row> expected() {
        return expected;
    }

    /** The rows a client's UPDATE or DELETE found gone, each with what was known of it then. */
    public List<String> vanished() {
        return List.copyOf(vanished);
    }

    /** When the change of {@link #runAround} started and ended (time and operation number), and what it noted. */
    public List<String> changeLog() {
        return List.copyOf(changeLog);
    }

    /** Notes a step of the change in {@link #changeLog()}, with the time and the operations done so far. */
    public void note(String step) {
        changeLog.add(TIME.format(Instant.now()) + " #" + done() + " " + step);
    }

    /** Asked, the moment a row vanishes, what is known of that key (where its shard is, which copies hold it). */
    public void explainVanishedRowsWith(LongFunction<String> explain) {
        this.explainVanished = explain;
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
            this.expected = List.copyOf(expected);
            if (!vanished.isEmpty()) {
                throw new IllegalStateException(vanished.size() + " row(s) vanished (a client's UPDATE or DELETE found no row it"
                        + " had inserted and committed):\n" + String.join("\n", vanished));
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
                note("change starts");
                change.run();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                note("change ends");
                doneWhenChanged.set(done());
                changed.set(true);
            }
        }, "change-during-writes");
        changer.setDaemon(true);
        changer.start();
        List<Row> expected;
        try {
            expected = run(clients, (before + after) / clients, seed, () -> !changed.get() || done() < doneWhenChanged.get() + after);
        } finally {
            // whatever ended the clients, the change is not left running into the next test
            changer.join(limit.toMillis());
        }
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
                String statement = null;
                long id = 0;
                Instant start = Instant.now();
                int operation = done();
                try {
                    if (keys.isEmpty() || dice < 0.4) {
                        id = ++next;
                        long balance = random.nextInt(1_000_000);
                        statement = "INSERT " + balance;
                        insert.setLong(1, id);
                        insert.setLong(2, id);
                        insert.setLong(3, balance);
                        insert.executeUpdate();
                        live.put(id, balance);
                        keys.add(id);
                        Row leaves = new Row("INSERT", id, id, balance);
                        expected.add(leaves);
                        log(id, new Step(start, Instant.now(), operation, client, statement, leaves, ""));
                    } else if (dice < 0.75) {
                        int index = random.nextInt(keys.size());
                        id = keys.get(index);
                        long old = live.get(id);
                        long balance = old + 1 + random.nextInt(1000);
                        statement = "UPDATE " + old + " -> " + balance;
                        update.setLong(1, balance);
                        update.setLong(2, id);
                        update.setLong(3, id);
                        if (update.executeUpdate() != 1) {
                            vanish(id, new Step(start, Instant.now(), operation, client, statement, null, "no row (vanished)"), keys, index);
                        } else {
                            live.put(id, balance);
                            Row leaves = new Row("UPDATE", id, id, old);
                            expected.add(leaves);
                            log(id, new Step(start, Instant.now(), operation, client, statement, leaves, ""));
                        }
                    } else {
                        int index = random.nextInt(keys.size());
                        id = keys.get(index);
                        statement = "DELETE " + live.get(id);
                        delete.setLong(1, id);
                        delete.setLong(2, id);
                        if (delete.executeUpdate() != 1) {
                            vanish(id, new Step(start, Instant.now(), operation, client, statement, null, "no row (vanished)"), keys, index);
                        } else {
                            Row leaves = new Row("DELETE", id, id, live.remove(id));
                            expected.add(leaves);
                            log(id, new Step(start, Instant.now(), operation, client, statement, leaves, ""));
                            Collections.swap(keys, index, keys.size() - 1);
                            keys.remove(keys.size() - 1);
                        }
                    }
                } catch (SQLException e) {
                    // autocommit: the statement's transaction rolled back, so it must have left no history
                    if (failed.getAndIncrement() == 0) {
                        firstFailure = e.getMessage();
                    }
                    log(id, new Step(start, Instant.now(), operation, client, statement, null,
                            "failed, rolled back: " + e.getMessage().replace('\n', ' ')));
                } finally {
                    gate.readLock().unlock();
                }
                done.incrementAndGet();
            }
        } finally {
            rows.putAll(live);
        }
        return expected;
    }

    private void log(long id, Step step) {
        journal.computeIfAbsent(id, k -> new ArrayList<>()).add(step);
    }

    /**
     * A row the client inserted and committed is gone: noted with what is known of it now, and left
     * out of the client's further work (the client still expects it: {@link #rows()} keeps it).
     */
    private void vanish(long id, Step step, List<Long> keys, int index) {
        log(id, step);
        String explained;
        try {
            explained = explainVanished.apply(id);
        } catch (RuntimeException e) {
            explained = "(could not look: " + e + ")";
        }
        vanished.add("row " + id + " vanished (" + step + "):\n  client: "
                + String.join("\n          ", journal(id).stream().map(Step::toString).toList())
                + (explained.isEmpty() ? "" : "\n" + explained));
        Collections.swap(keys, index, keys.size() - 1);
        keys.remove(keys.size() - 1);
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
