package io.github.citusaudit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: the row helper binds its parameters and reads every column as text. */
class QueryTest extends PostgresTestSupport {

    private Connection connection;
    private Query query;

    @BeforeEach
    void connect() {
        connection = new Database(server.settings()).connect();
        query = new Query(connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void parametersAreBoundNotSplicedIn() throws SQLException {
        assertEquals(List.of(List.of("it's ?; DROP TABLE x", "t")), query.rows("SELECT ?::text, ? = 'x'", "it's ?; DROP TABLE x", "x"));
    }

    @Test
    void everyColumnReadsAsTextBooleansAsTOrFAndNullAsNull() throws SQLException {
        assertEquals(List.of(Arrays.asList("42", "f", null, "1.50")), query.rows("SELECT 41 + 1, false, NULL::text, 1.5::numeric(5, 2)"));
    }

    @Test
    void rowsComeInTheQuerysOrder() throws SQLException {
        assertEquals(List.of(List.of("3"), List.of("2")),
                query.rows("SELECT g FROM generate_series(1, 3) g WHERE g > ?::int ORDER BY g DESC", "1"));
    }

    @Test
    void valueIsTheFirstColumnOfTheFirstRowOrNullWithoutRows() throws SQLException {
        assertEquals("1", query.value("SELECT g, g * 10 FROM generate_series(1, 2) g ORDER BY g"));
        assertNull(query.value("SELECT 1 WHERE false"));
    }
}
