package io.github.citusaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-placement results as the build log shows them: failing placements in full, the rest counted per node and table. */
public record PlacementReport(List<PlacementResult> results) {

    public PlacementReport {
        results = List.copyOf(results);
    }

    public List<PlacementResult> failures() {
        return results.stream().filter(r -> !r.success()).toList();
    }

    public List<String> failureTable() {
        TextTable table = new TextTable(List.of("node", "table", "shard", "error"));
        for (PlacementResult failure : failures()) {
            table.row(List.of(failure.address(), failure.table(), failure.shardId(), failure.result()));
        }
        return table.lines();
    }

    public List<String> summary() {
        Map<String, Map<String, Integer>> perNode = new TreeMap<>();
        for (PlacementResult result : results) {
            perNode.computeIfAbsent(result.address(), n -> new TreeMap<>()).merge(result.table(), 1, Integer::sum);
        }
        TextTable table = new TextTable(List.of("node", "table", "placements with trigger"));
        perNode.forEach((node, tables) -> tables.forEach((name, count) -> table.row(List.of(node, name, count))));
        List<String> lines = new ArrayList<>();
        lines.add("Audit triggers on " + results.size() + " shard placement(s):");
        lines.addAll(table.lines());
        return lines;
    }
}
