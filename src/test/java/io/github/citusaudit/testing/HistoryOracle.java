package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
     * on any difference, explaining each key that differs (see {@link KeyEvidence}).
     */
    public static void assertHistory(String name, int operations, List<OracleWorkload.Row> expected, TestDatabase db)
            throws SQLException {
        List<OracleWorkload.Row> history = OracleWorkload.history(db);
        Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
        int lost = difference.values().stream().filter(v -> v < 0).mapToInt(v -> -v).sum();
        int doubled = difference.values().stream().filter(v -> v > 0).mapToInt(v -> v).sum();
        System.out.println("[completeness] " + name + ": " + operations + " operations, " + expected.size() + " expected, "
                + history.size() + " found, " + lost + " lost, " + doubled + " doubled");
        if (!difference.isEmpty()) {
            KeyEvidence evidence = new KeyEvidence(db);
            String explained = difference.keySet().stream().map(OracleWorkload.Row::id).distinct().limit(KEYS_EXPLAINED)
                    .map(key -> evidence.explain(key, List.of(), expected.stream().filter(r -> r.id() == key).toList(), null, true)
                            .text())
                    .collect(Collectors.joining());
            System.out.println(explained);
            fail(name + ": history differs from the oracle (+ doubled, - lost): " + (difference.size() > 20 ? difference.size()
                    + " rows, e.g. " + difference.entrySet().stream().limit(20).toList() : difference) + "\n" + explained);
        }
    }

    /**
     * The check of a run of {@link OracleWorkload} clients: the history ({@code audited}) against
     * what their committed changes must have left, and the table against the rows as they left them.
     * Prints {@code [completeness] <case>: N operations, N expected, N found, N lost, N doubled; table:
     * N rows, N differ}; on any difference explains each key that differs (at most
     * {@value #KEYS_EXPLAINED}): the client's statements beside the history rows they left, the table's
     * row, where the row's shard is and what every copy of it holds, and a verdict — and fails with
     * the verdicts counted. Returns the verdicts of the differing keys (empty when all agree).
     */
    public static Map<Long, KeyEvidence.Verdict> check(String name, OracleWorkload workload, List<OracleWorkload.Row> expected,
            TestDatabase db, boolean audited) throws SQLException {
        Map<Long, KeyEvidence.Verdict> verdicts = new TreeMap<>();
        String report = compare(name, workload, expected, db, audited, verdicts);
        if (!verdicts.isEmpty()) {
            fail(report);
        }
        return verdicts;
    }

    /** The same comparison as {@link #check}, without failing: fills {@code verdicts} and returns the explanation ("" if none). */
    public static String compare(String name, OracleWorkload workload, List<OracleWorkload.Row> expected, TestDatabase db,
            boolean audited, Map<Long, KeyEvidence.Verdict> verdicts) throws SQLException {
        List<OracleWorkload.Row> history = audited ? OracleWorkload.history(db) : List.of();
        Map<OracleWorkload.Row, Integer> difference = audited ? OracleWorkload.difference(expected, history) : Map.of();
        int lost = difference.values().stream().filter(v -> v < 0).mapToInt(v -> -v).sum();
        int doubled = difference.values().stream().filter(v -> v > 0).mapToInt(v -> v).sum();
        Map<Long, Long> rows = workload.rows();
        Map<Long, Long> table = new TreeMap<>();
        for (List<String> row : db.query("SELECT id, balance FROM oracle.ledger")) {
            table.put(Long.valueOf(row.get(0)), Long.valueOf(row.get(1)));
        }
        Set<Long> keys = new TreeSet<>();
        difference.keySet().forEach(r -> keys.add(r.id()));
        Set<Long> tableKeys = new TreeSet<>(rows.keySet());
        tableKeys.addAll(table.keySet());
        tableKeys.stream().filter(k -> !Objects.equals(rows.get(k), table.get(k))).forEach(keys::add);
        long tableDiffers = tableKeys.stream().filter(k -> !Objects.equals(rows.get(k), table.get(k))).count();
        System.out.println("[completeness] " + name + ": " + workload.done() + " operations, "
                + (audited ? expected.size() + " expected, " + history.size() + " found, " + lost + " lost, " + doubled + " doubled; "
                        : "no history (unaudited); ")
                + "table: " + rows.size() + " rows expected, " + table.size() + " found, " + tableDiffers + " differ");
        if (keys.isEmpty()) {
            return "";
        }
        KeyEvidence evidence = new KeyEvidence(db);
        StringBuilder explained = new StringBuilder();
        int n = 0;
        for (long key : keys) {
            KeyEvidence.Explained one = n++ < KEYS_EXPLAINED
                    ? evidence.explain(key, workload.journal(key), expected.stream().filter(r -> r.id() == key).toList(), rows.get(key),
                            audited)
                    : null;
            verdicts.put(key, one == null || one.verdict() == null ? KeyEvidence.Verdict.TABLE_MISSED_A_WRITE : one.verdict());
            if (one != null) {
                explained.append(one.text());
            }
        }
        Map<KeyEvidence.Verdict, Long> counted = verdicts.values().stream()
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        String report = name + ": " + keys.size() + " key(s) differ from what the clients committed (" + counted + "; the first "
                + Math.min(keys.size(), KEYS_EXPLAINED) + " judged, the rest counted as table misses until looked at)\n"
                + "change: " + workload.changeLog() + "\n" + explained;
        System.out.println(report);
        return report;
    }

    /** How many differing keys a failed check explains in full (each costs a few queries). */
    private static final int KEYS_EXPLAINED = 10;
}
