package io.github.citusaudit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;

/**
 * The writing clients: single-row INSERTs of new keys, or UPDATEs of a key the same client inserted
 * earlier into the same table, each its own transaction. Keys spread over many tenants, so over
 * every shard. For each phase every client opens a connection, writes its share and closes the
 * connection: a backend's CPU time is counted only once it has exited (see {@link ServerCpu}).
 */
final class WriteClients implements AutoCloseable {

    enum Kind {
        INSERT, UPDATE
    }

    /**
     * Where a phase writes. With a {@code historyInsert} (parameters: operation, id, tenant, payload,
     * n) the client records the history row itself, in the same transaction as the write.
     */
    record Target(String table, String historyInsert) {
    }

    /** A phase: its writes, how long they took, and the coordinator backends that served them (closed by now). */
    record Phase(long writes, long nanos, List<Integer> backends) {
        double perSecond() {
            return writes * 1e9 / nanos;
        }
    }

    private static final int TENANTS = 1_000_000;

    private final BenchDatabase db;
    private final List<Client> clients = new ArrayList<>();
    private final ExecutorService threads;

    WriteClients(BenchDatabase db, int count) {
        this.db = db;
        for (int i = 0; i < count; i++) {
            clients.add(new Client(i));
        }
        threads = Executors.newFixedThreadPool(count);
    }

    /** Runs {@code writes} writes, shared among the clients, which start together once all are connected. */
    Phase run(Target target, Kind kind, int writes) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(clients.size());
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            int share = writes / clients.size() + (i < writes % clients.size() ? 1 : 0);
            Callable<long[]> work = () -> client.phase(db, target, kind, share, start);
            results.add(threads.submit(work));
        }
        long nanos = 0;
        List<Integer> backends = new ArrayList<>();
        for (Future<long[]> result : results) {
            try {
                long[] done = result.get();
                nanos = Math.max(nanos, done[0]);
                backends.add((int) done[1]);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a client failed writing " + target.table() + ": " + e.getCause(), e.getCause());
            }
        }
        return new Phase(writes, nanos, backends);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One client: the keys it inserted per table, as {tenant, id, n}, so that it can update them (and know n). */
    private static final class Client {

        private final long firstId;
        private final Map<String, List<long[]>> keys = new HashMap<>();

        Client(int number) {
            this.firstId = (number + 1) * 1_000_000_000_000L;
        }

        /** Connects, waits for the others, writes; returns {nanos writing, coordinator backend pid} once disconnected. */
        long[] phase(BenchDatabase db, Target target, Kind kind, int writes, CyclicBarrier start) throws Exception {
            List<long[]> inserted = keys.computeIfAbsent(target.table(), t -> new ArrayList<>());
            String table = target.table();
            try (Connection connection = db.connect();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + table + " (id, tenant, payload, n) VALUES (?, ?, ?, 0)");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE " + table + " SET n = n + 1 WHERE tenant = ? AND id = ?");
                    PreparedStatement history = target.historyInsert() == null ? null
                            : connection.prepareStatement(target.historyInsert())) {
                connection.setAutoCommit(history == null);
                int backend = connection.unwrap(PGConnection.class).getBackendPID();
                start.await(1, TimeUnit.MINUTES);
                long begin = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    if (kind == Kind.INSERT || inserted.isEmpty()) {
                        long[] key = {ThreadLocalRandom.current().nextLong(1, TENANTS + 1), firstId + inserted.size(), 0};
                        execute(insert, key[1], key[0], payload(key));
                        record(history, "INSERT", key);
                        inserted.add(key);
                    } else {
                        long[] key = inserted.get(ThreadLocalRandom.current().nextInt(inserted.size()));
                        if (execute(update, key[0], key[1]) != 1) {
                            throw new IllegalStateException("UPDATE of " + table + " found no row " + key[0] + "/" + key[1]);
                        }
                        record(history, "UPDATE", key); // the row as it was, as the triggers record it
                        key[2]++;
                    }
                    if (history != null) {
                        connection.commit();
                    }
                }
                return new long[] {System.nanoTime() - begin, backend};
            }
        }

        private static void record(PreparedStatement history, String operation, long[] key) throws SQLException {
            if (history != null) {
                execute(history, operation, key[1], key[0], payload(key), (int) key[2]);
            }
        }

        private static String payload(long[] key) {
            return "payload of row " + key[1];
        }

        private static int execute(PreparedStatement statement, Object... parameters) throws SQLException {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
