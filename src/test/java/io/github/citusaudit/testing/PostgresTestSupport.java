package io.github.citusaudit.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.citusaudit.trial.ThrowawayPostgres;

/**
 * What every tier-1 test class shares: a real PostgreSQL of its own (embedded, started as root
 * too), and plain SQL against it.
 */
public abstract class PostgresTestSupport {

    protected static ThrowawayPostgres server;
    protected static TestDatabase db;

    @BeforeAll
    public static void startServer() {
        server = ThrowawayPostgres.start();
        db = new TestDatabase(server.settings());
    }

    @AfterAll
    public static void stopServer() {
        server.close();
    }
}
