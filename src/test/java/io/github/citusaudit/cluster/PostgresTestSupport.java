package io.github.citusaudit.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every tier-1 test class shares: a real PostgreSQL of its own (embedded, started as root
 * too), and plain SQL against it.
 */
abstract class PostgresTestSupport {

    protected static ThrowawayPostgres server;
    protected static TestDatabase db;

    @BeforeAll
    static void startServer() {
        server = ThrowawayPostgres.start();
        db = new TestDatabase(server.settings());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
