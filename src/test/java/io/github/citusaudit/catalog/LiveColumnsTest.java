package io.github.citusaudit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: a table's live columns, read once with their type and nullability. */
class LiveColumnsTest extends PostgresTestSupport {

    @Test
    void namesTypesAndNullabilityInColumnOrderWithoutDroppedColumns() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS \"We ird\" CASCADE", "CREATE SCHEMA \"We ird\"",
                "CREATE TABLE \"We ird\".\"Ta ble\" (id bigint NOT NULL, gone int, \"Na me\" varchar(10), amount numeric(10, 2) NOT NULL)",
                "ALTER TABLE \"We ird\".\"Ta ble\" DROP COLUMN gone");
        try (Connection connection = new Database(server.settings()).connect()) {
            LiveColumns live = LiveColumns.of(connection, "We ird", "Ta ble");
            assertTrue(live.tableExists());
            assertEquals(List.of(ColumnSpec.of("id", "bigint", false), ColumnSpec.of("Na me", "character varying(10)", true),
                    ColumnSpec.of("amount", "numeric(10,2)", false)), live.asSpecs());
            assertEquals(List.of("id", "Na me", "amount"), live.names());
            assertEquals("numeric(10,2)", live.type("amount"));
            assertNull(live.type("gone"));
            assertFalse(live.has("gone"));
        }
    }

    @Test
    void aMissingTableHasNoColumns() throws SQLException {
        try (Connection connection = new Database(server.settings()).connect()) {
            LiveColumns live = LiveColumns.of(connection, "no_such_schema", "no_such_table");
            assertFalse(live.tableExists());
            assertEquals(List.of(), live.asSpecs());
        }
    }
}
