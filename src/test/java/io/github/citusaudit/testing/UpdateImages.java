package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.sql.SQLException;
import java.util.List;

/**
 * Checks the specs/images.yaml tables on whichever server the database is: {@code update: both}
 * records the old then the new version of an UPDATE, told apart by row_image, and its as-of
 * function still reads the past; {@code update: new} records the written version and has no
 * as-of function.
 */
public final class UpdateImages {

    public static final File SPEC = new File("src/test/resources/specs/images.yaml");

    private UpdateImages() {
    }

    public static void check(TestDatabase db) throws SQLException {
        for (String table : List.of("both_acct", "new_acct")) {
            db.execute("INSERT INTO images." + table + " SELECT g, g, 100 FROM generate_series(1, 20) g");
        }
        String beforeUpdate = db.single("SELECT clock_timestamp()");
        for (String table : List.of("both_acct", "new_acct")) {
            db.execute("UPDATE images." + table + " SET balance = 200 WHERE tenant <= 10",
                    "UPDATE images." + table + " SET balance = balance WHERE tenant <= 10",
                    "DELETE FROM images." + table + " WHERE tenant = 20");
        }

        assertEquals(List.of(List.of("DELETE", "old", "100", "1"), List.of("INSERT", "new", "100", "20"),
                List.of("UPDATE", "new", "200", "10"), List.of("UPDATE", "old", "100", "10")),
                db.query("SELECT operation, row_image, balance, count(*) FROM images.both_acct_hist GROUP BY 1, 2, 3 ORDER BY 1, 2"),
                "update: both keeps the replaced and the written version; the unchanged update writes nothing");
        assertEquals(List.of(List.of("old", "new")),
                db.query("SELECT min(row_image) FILTER (WHERE history_id = first_id), min(row_image) FILTER (WHERE history_id <> first_id)"
                        + " FROM (SELECT history_id, row_image, min(history_id) OVER (PARTITION BY tenant) AS first_id FROM images.both_acct_hist"
                        + " WHERE operation = 'UPDATE' AND tenant = 3) u"),
                "the old version is written first");
        assertEquals(List.of(List.of("DELETE", "old", "100", "1"), List.of("INSERT", "new", "100", "20"),
                List.of("UPDATE", "new", "200", "10")),
                db.query("SELECT op, version, balance, count(*) FROM images.new_acct_hist GROUP BY 1, 2, 3 ORDER BY 1, 2"),
                "update: new keeps the written version");

        assertEquals(List.of(List.of("20", "2000")),
                db.query("SELECT count(*), sum(balance) FROM images.both_acct_hist_as_of('" + beforeUpdate + "')"),
                "as of before the update: 20 rows of 100");
        assertEquals(List.of(List.of("19", "2900")),
                db.query("SELECT count(*), sum(balance) FROM images.both_acct_hist_as_of(clock_timestamp())"),
                "now: 10 of 200, 9 of 100");
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname = 'new_acct_hist_as_of'"),
                "update: new keeps no replaced versions, so it has no as-of function");
    }
}
