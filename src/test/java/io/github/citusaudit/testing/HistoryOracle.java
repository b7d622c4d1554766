package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the history of {@code oracle.ledger} must hold, kept beside the table while a test changes it:
 * the table's rows as they are (key: id, which is also the tenant), and the history row each change
 * must have left — the new row for an INSERT, the replaced one for an UPDATE or DELETE. An UPDATE that
 * changes nothing leaves no row.
 */
public final class HistoryOracle {

    private final Map<Long, Long> balances = new TreeMap<>();
    private final List<OracleWorkload.Row> expected = new ArrayList<>();
    private int operations;

    public void inserted(long id, long balance) {
        if (balances.putIfAbsent(id, balance) != null) {
            throw new IllegalStateException("row " + id + " is there already");
        }
        expected.add(new OracleWorkload.Row("INSERT", id, id, balance));
        operations++;
    }

    public void updated(long id, long balance) {
        Long old = balances.put(id, balance);
        if (old == null) {
            throw new IllegalStateException("no row " + id + " to update");
        }
        if (old != balance) {
            expected.add(new OracleWorkload.Row("UPDATE", id, id, old));
        }
        operations++;
    }

    public void deleted(long id) {
        Long old = balances.remove(id);
        if (old == null) {
            throw new IllegalStateException("no row " + id + " to delete");
        }
        expected.add(new OracleWorkload.Row("DELETE", id, id, old));
        operations++;
    }

    public boolean has(long id) {
        return balances.containsKey(id);
    }

    public Long balance(long id) {
        return balances.get(id);
    }

    public List<Long> ids() {
        return List.copyOf(balances.keySet());
    }

    /**
     * Compares the history with what it must hold and the table with the oracle's rows, prints
     * {@code [completeness] <case>: N operations, N expected, N found, N lost, N doubled}, and fails
     * on any difference.
     */
    public void assertComplete(String name, TestDatabase db) throws SQLException {
        assertHistory(name, operations, expected, db);
        List<List<String>> table = db.query("SELECT id, balance FROM oracle.ledger ORDER BY id");
        List<List<String>> oracle = balances.entrySet().stream()
                .map(e -> List.of(String.valueOf(e.getKey()), String.valueOf(e.getValue()))).toList();
        assertTrue(table.equals(oracle), name + ": the table differs from the oracle's rows (" + table.size() + " vs "
                + oracle.size() + ")");
    }

    /**
     * Compares the history of oracle.ledger with the rows it must hold, prints
     * {@code [completeness] <case>: N operations, N expected, N found, N lost, N doubled}, and fails
     * on any difference.
     */
    public static void assertHistory(String name, int operations, List<OracleWorkload.Row> expected, TestDatabase db)
            throws SQLException {
        List<OracleWorkload.Row> history = OracleWorkload.history(db);
        Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
        int lost = difference.values().stream().filter(v -> v < 0).mapToInt(v -> -v).sum();
        int doubled = difference.values().stream().filter(v -> v > 0).mapToInt(v -> v).sum();
        System.out.println("[completeness] " + name + ": " + operations + " operations, " + expected.size() + " expected, "
                + history.size() + " found, " + lost + " lost, " + doubled + " doubled");
        assertTrue(difference.isEmpty(), name + ": history differs from the oracle (+ doubled, - lost): "
                + (difference.size() > 20 ? difference.size() + " rows, e.g. " + difference.entrySet().stream().limit(20).toList()
                        : difference));
    }
}
