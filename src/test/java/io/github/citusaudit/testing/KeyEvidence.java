package io.github.citusaudit.testing;

import static io.github.citusaudit.testing.OracleWorkload.TIME;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is known of one key of {@code oracle.ledger} when a completeness check fails, so that the
 * failure explains itself: what its client did (the journal), what the history holds, what the
 * table holds now, a verdict (did the table get the client's write and only the history miss it —
 * an audit loss, never accepted — or did the table miss the write too — Citus lost or misrouted
 * it), and where the row is: its shard and history shard, their placements (pg_dist_placement),
 * the copies Citus keeps for a deferred drop (pg_dist_cleanup), and on every node what a table of
 * that shard's name holds for the key (an old placement kept after a move still answers).
 */
public final class KeyEvidence {

    private final TestDatabase db;

    public KeyEvidence(TestDatabase db) {
        this.db = db;
    }

    /** The verdict on a key: what lacks the client's writes. */
    public enum Verdict {
        AGREES("table and history agree with the client"),
        HISTORY_ONLY("the table has every write of the client, the history lacks a row of one: an audit loss"),
        HISTORY_SURPLUS("the history holds a row no committed statement of the client left: an audit surplus"),
        TABLE_MISSED_A_WRITE("the table itself missed a write the client committed (its row, or the value a later change"
                + " found there, is not what the client left): Citus lost or misrouted the write");

        private final String meaning;

        Verdict(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** A history row of the key as written: its row, when (changed_at, the writing transaction's start) and its id. */
    public record Written(OracleWorkload.Row row, Instant at, String hid) {
    }

    /**
     * Puts each history row beside the client's statement it came from (the one whose send..return
     * window holds its changed_at: one client makes a key's statements one after another, each its
     * own transaction) and judges: a statement's row holding another replaced value than the
     * client's means the table never got the client's previous write; a statement without its row
     * while the table's values follow the client's means only the history lacks it.
     * {@code expectedBalance} is the row as the client left it (null: deleted), {@code tableBalance}
     * the table's (null: no row), {@code notes} receives a line per statement and per unmatched row.
     */
    public static Verdict verdict(List<OracleWorkload.Step> journal, List<Written> history, Long expectedBalance, Long tableBalance,
            boolean audited, List<String> notes) {
        boolean tableMissed = !Objects.equals(expectedBalance, tableBalance);
        boolean historyMissing = false;
        List<Written> unmatched = new ArrayList<>(history);
        for (OracleWorkload.Step step : journal) {
            List<Written> mine = audited ? unmatched.stream().filter(w -> within(w.at(), step)).toList() : List.of();
            unmatched.removeAll(mine);
            String found = mine.stream().map(w -> w.row().op() + " " + w.row().balance() + " at " + TIME.format(w.at()) + " (hid "
                    + w.hid() + ")").toList().toString();
            if (!audited) {
                notes.add("  " + step);
            } else if (step.leaves() == null) {
                notes.add((mine.isEmpty() ? "  " : "✗ ") + step + (mine.isEmpty() ? "" : "  history " + found));
            } else if (mine.size() == 1 && mine.get(0).row().equals(step.leaves())) {
                notes.add("✓ " + step + "  history " + found);
            } else if (mine.isEmpty()) {
                historyMissing = true;
                notes.add("✗ " + step + "  NO HISTORY ROW (must be " + step.leaves().op() + " " + step.leaves().balance() + ")");
            } else {
                // the row holds the value the table had before this statement: not the client's last write
                tableMissed |= mine.stream().anyMatch(w -> w.row().op().equals(step.leaves().op()));
                notes.add("✗ " + step + "  history " + found + ", must be " + step.leaves().op() + " " + step.leaves().balance()
                        + ": the table did not hold the client's previous value");
            }
        }
        unmatched.forEach(w -> notes.add("✗ history row of no statement of the client: " + w.row().op() + " " + w.row().balance()
                + " at " + TIME.format(w.at()) + " (hid " + w.hid() + ")"));
        if (tableMissed) {
            return Verdict.TABLE_MISSED_A_WRITE;
        }
        if (historyMissing) {
            return Verdict.HISTORY_ONLY;
        }
        return unmatched.isEmpty() ? Verdict.AGREES : Verdict.HISTORY_SURPLUS;
    }

    private static boolean within(Instant at, OracleWorkload.Step step) {
        // the client's clock reads to the microsecond like changed_at's; both are this machine's clock
        return !at.isBefore(step.start().truncatedTo(ChronoUnit.MICROS)) && !at.isAfter(step.end().plus(1, ChronoUnit.MICROS));
    }

    /**
     * The whole account of a key: {@code journal} the client's statements on it (empty when not
     * kept: then {@code expectedHistory} is printed instead), {@code expectedBalance} the row as the
     * client left it (null: deleted), {@code audited} whether the table has a history. Returns the
     * verdict and the text.
     */
    public Explained explain(long key, List<OracleWorkload.Step> journal, List<OracleWorkload.Row> expectedHistory, Long expectedBalance,
            boolean audited) {
        StringBuilder out = new StringBuilder("key " + key + ": the client expects "
                + (expectedBalance == null ? "no row" : "balance " + expectedBalance));
        if (journal.isEmpty() && audited) {
            out.append(", history ").append(expectedHistory.stream().map(r -> r.op() + " " + r.balance()).toList());
        }
        out.append('\n');
        Verdict verdict = null;
        try {
            List<List<String>> table = db.query("SELECT balance FROM oracle.ledger WHERE id = " + key + " AND tenant = " + key);
            Long tableBalance = table.isEmpty() ? null : Long.valueOf(table.get(0).get(0));
            out.append("  table now: ").append(tableBalance == null ? "no row" : "balance " + tableBalance).append('\n');
            List<Written> history = new ArrayList<>();
            if (audited) {
                for (List<String> r : db.query("SELECT op, balance, (extract(epoch FROM changed_at) * 1000000)::bigint, hid"
                        + " FROM oracle.ledger_hist WHERE id = " + key + " AND tenant = " + key + " ORDER BY changed_at, hid")) {
                    long micros = Long.parseLong(r.get(2));
                    history.add(new Written(new OracleWorkload.Row(r.get(0), key, key, Long.parseLong(r.get(1))),
                            Instant.EPOCH.plus(micros, ChronoUnit.MICROS), r.get(3)));
                }
            }
            List<String> notes = new ArrayList<>();
            verdict = verdict(journal, history, expectedBalance, tableBalance, audited, notes);
            if (journal.isEmpty()) {
                history.forEach(w -> notes.add("  history " + w.row().op() + " " + w.row().balance() + " at " + TIME.format(w.at())
                        + " (hid " + w.hid() + ")"));
            }
            notes.forEach(n -> out.append("  ").append(n).append('\n'));
            out.append("  verdict: ").append(verdict.meaning()).append('\n');
        } catch (SQLException e) {
            out.append("  (could not read the table or history: ").append(e.getMessage()).append(")\n");
        }
        out.append(whereabouts(key, audited));
        return new Explained(verdict, out.toString());
    }

    /** A key's verdict (null when the table could not be read) and its account. */
    public record Explained(Verdict verdict, String text) {
    }

    /**
     * Where the key's row is: its shard (and history shard), their placements, the cleanup records
     * naming either, and on every node what a table of the shard's name holds for the key.
     */
    public String whereabouts(long key, boolean audited) {
        StringBuilder out = new StringBuilder();
        try {
            String shard = db.single("SELECT get_shard_id_for_distribution_column('oracle.ledger', " + key + ")");
            String historyShard = audited ? db.single("SELECT get_shard_id_for_distribution_column('oracle.ledger_hist', " + key + ")")
                    : null;
            out.append("  shard ").append(shard).append(historyShard == null ? "" : " (history shard " + historyShard + ")")
                    .append(", placements: ").append(db.query("SELECT p.placementid, n.nodename || ':' || n.nodeport, p.shardstate"
                            + " FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid) WHERE p.shardid = " + shard
                            + " ORDER BY p.placementid").stream().map(r -> r.get(1) + " (placement " + r.get(0) + ", state " + r.get(2) + ")")
                            .toList()).append('\n');
            String shards = historyShard == null ? shard : shard + "|" + historyShard;
            out.append("  cleanup:  ").append(rowsOrNone("SELECT c.object_name, coalesce(n.nodename || ':' || n.nodeport, 'group '"
                    + " || c.node_group_id), 'operation ' || c.operation_id, 'policy ' || c.policy_type FROM pg_dist_cleanup c"
                    + " LEFT JOIN pg_dist_node n ON n.groupid = c.node_group_id WHERE c.object_name ~ '_(" + shards + ")$'"
                    + " ORDER BY c.record_id")).append('\n');
            out.append(onEveryNode("'SELECT coalesce(string_agg(balance::text, '','' ), ''no row'') FROM ' || shard_name('oracle.ledger',"
                    + " " + shard + ") || ' WHERE id = " + key + "'", "ledger_" + shard));
            if (historyShard != null) {
                out.append(onEveryNode("'SELECT coalesce(string_agg(op || '' '' || balance || '' at '' || changed_at, ''; '' ORDER BY"
                        + " changed_at, hid), ''no rows'') FROM ' || shard_name('oracle.ledger_hist', " + historyShard + ")"
                        + " || ' WHERE id = " + key + "'", "ledger_hist_" + historyShard));
            }
        } catch (SQLException e) {
            out.append("  (could not look: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    /** A query run on every node (run_command_on_all_nodes): per node, the result or the error (a table not there). */
    private String onEveryNode(String commandExpression, String what) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (List<String> row : db.query("SELECT coalesce(n.nodename || ':' || n.nodeport, 'node ' || r.nodeid), r.success, r.result"
                + " FROM run_command_on_all_nodes(" + commandExpression + ") r LEFT JOIN pg_dist_node n USING (nodeid) ORDER BY 1")) {
            out.append("  on ").append(row.get(0)).append(", ").append(what).append(": ")
                    .append("t".equals(row.get(1)) ? row.get(2) : "(" + row.get(2) + ")").append('\n');
        }
        return out.toString();
    }

    private String rowsOrNone(String sql) {
        try {
            List<List<String>> rows = db.query(sql);
            return rows.isEmpty() ? "none" : rows.toString();
        } catch (SQLException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
