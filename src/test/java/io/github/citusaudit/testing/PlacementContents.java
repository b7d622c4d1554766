package io.github.citusaudit.testing;

import java.sql.SQLException;
import java.util.List;

/**
 * What every placement (replica) of a Citus table holds, read on each node through
 * run_command_on_placements: its rows as text, in the given order, one string per placement.
 */
public final class PlacementContents {

    private PlacementContents() {
    }

    /**
     * @param table   the table's name, as SQL reads it
     * @param orderBy the columns that put its rows in one order, whatever order they lie in on each node
     * @return one entry per placement, in node order: its rows
     */
    public static List<String> of(TestDatabase db, String table, String orderBy) throws SQLException {
        List<List<String>> answers = db.query("SELECT nodeport, success, coalesce(result, '') FROM run_command_on_placements('"
                + table + "', $$SELECT string_agg(t::text, E'\\n' ORDER BY " + orderBy + ") FROM %s t$$) ORDER BY nodeport");
        for (List<String> answer : answers) {
            if (!"t".equals(answer.get(1))) {
                throw new IllegalStateException("the placement of " + table + " on port " + answer.get(0) + " failed: " + answer.get(2));
            }
        }
        return answers.stream().map(answer -> answer.get(2)).toList();
    }
}
