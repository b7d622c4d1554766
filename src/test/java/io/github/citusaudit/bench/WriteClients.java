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

/**
 * The writing clients: one long-lived JDBC connection each (as an application's pool would keep),
 * single-row autocommit INSERTs of new keys, or UPDATEs of a key the same client inserted earlier
 * into the same table. Keys spread over many tenants, so over every shard.
 */
final class WriteClients implements AutoCloseable {

    enum Kind {
        INSERT, UPDATE
    }

    /** Operations done in a phase and how long it took; the last statement may end after the deadline. */
    record Phase(long operations, long nanos) {
        double perSecond() {
            return operations * 1e9 / nanos;
        }
    }

    private static final int TENANTS = 1_000_000;

    private final List<Client> clients = new ArrayList<>();
    private final ExecutorService threads;

    WriteClients(BenchDatabase db, int count) {
        for (int i = 0; i < count; i++) {
            clients.add(new Client(i, db.connect()));
        }
        threads = Executors.newFixedThreadPool(count);
    }

    /** Runs every client against {@code table} for {@code seconds}; all start together. */
    Phase run(String table, Kind kind, double seconds) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(clients.size());
        List<Future<long[]>> results = new ArrayList<>();
        for (Client client : clients) {
            Callable<long[]> work = () -> {
                start.await();
                long begin = System.nanoTime();
                long deadline = begin + (long) (seconds * 1e9);
                long operations = 0;
                while (System.nanoTime() < deadline) {
                    client.write(table, kind);
                    operations++;
                }
                return new long[] {operations, System.nanoTime() - begin};
            };
            results.add(threads.submit(work));
        }
        long operations = 0;
        long nanos = 0;
        for (Future<long[]> result : results) {
            try {
                long[] done = result.get();
                operations += done[0];
                nanos = Math.max(nanos, done[1]);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a client failed writing " + table + ": " + e.getCause(), e.getCause());
            }
        }
        return new Phase(operations, nanos);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        for (Client client : clients) {
            try {
                client.connection.close();
            } catch (SQLException ignored) {
                // closing a benchmark connection: nothing to do about it
            }
        }
    }

    /** One client's connection, its prepared statements per table, and the keys it inserted per table. */
    private static final class Client {

        private final Connection connection;
        private final long firstId;
        private final Map<String, PreparedStatement> inserts = new HashMap<>();
        private final Map<String, PreparedStatement> updates = new HashMap<>();
        private final Map<String, List<long[]>> keys = new HashMap<>();

        Client(int number, Connection connection) {
            this.connection = connection;
            this.firstId = (number + 1) * 1_000_000_000_000L;
        }

        void write(String table, Kind kind) throws SQLException {
            List<long[]> inserted = keys.computeIfAbsent(table, t -> new ArrayList<>());
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (kind == Kind.INSERT || inserted.isEmpty()) {
                long id = firstId + inserted.size();
                long tenant = random.nextLong(1, TENANTS + 1);
                PreparedStatement insert = prepare(inserts, table,
                        "INSERT INTO " + table + " (id, tenant, payload, n) VALUES (?, ?, ?, 0)");
                insert.setLong(1, id);
                insert.setLong(2, tenant);
                insert.setString(3, "payload of row " + id);
                insert.executeUpdate();
                inserted.add(new long[] {tenant, id});
            } else {
                long[] key = inserted.get(random.nextInt(inserted.size()));
                PreparedStatement update = prepare(updates, table, "UPDATE " + table + " SET n = n + 1 WHERE tenant = ? AND id = ?");
                update.setLong(1, key[0]);
                update.setLong(2, key[1]);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("UPDATE of " + table + " found no row " + key[0] + "/" + key[1]);
                }
            }
        }

        private PreparedStatement prepare(Map<String, PreparedStatement> cache, String table, String sql) throws SQLException {
            PreparedStatement statement = cache.get(table);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                cache.put(table, statement);
            }
            return statement;
        }
    }
}
