package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;

/** Checks shard6.account_hist_as_of on the seed table, on whichever server the database is. */
public final class AsOf {

    private AsOf() {
    }

    public static void check(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                + " SELECT g, 'first ' || g, 1, 1, 1 FROM generate_series(1, 40) g");
        String t1 = db.single("SELECT clock_timestamp()::timestamp");
        db.execute("UPDATE shard6.account SET account_name = 'second', status = 2 WHERE client_id <= 20");
        String t2 = db.single("SELECT clock_timestamp()::timestamp");
        db.execute("DELETE FROM shard6.account WHERE client_id <= 10",
                "INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (99, 'late', 1, 1, 1)");
        String asOf = "SELECT count(*), count(*) FILTER (WHERE account_name LIKE 'second%'), count(*) FILTER (WHERE client_id = 99)"
                + " FROM shard6.account_hist_as_of('TIME')";
        assertEquals(List.of(List.of("40", "0", "0")), db.query(asOf.replace("TIME", t1)), "before the update");
        assertEquals(List.of(List.of("40", "20", "0")), db.query(asOf.replace("TIME", t2)), "after the update, before the delete");
        assertEquals(List.of(List.of("31", "10", "1")), db.query(asOf.replace("TIME", db.single("SELECT clock_timestamp()::timestamp"))), "now");
        assertEquals(List.of(List.of("0", "0", "0")), db.query(asOf.replace("TIME", "2000-01-01")), "before anything");
    }
}
