package io.github.citusaudit.report;

import java.util.ArrayList;
import java.util.List;

/** What {@code info} found, one row per audited table: the table for the build log. */
public record InfoReport(String server, List<TableInfo> tables) {

    public InfoReport {
        tables = List.copyOf(tables);
    }

    public List<String> lines() {
        TextTable table = new TextTable(List.of("table", "distribution", "mode", "placements with trigger", "slow-path shards",
                "history rows", "history size", "last change"));
        for (TableInfo info : tables) {
            table.row(List.of(info.table(), dash(info.distribution()), dash(info.mode()), dash(info.placements()),
                    dash(info.slowPath()), dash(info.historyRows()), dash(info.historySize()), dash(info.lastChange())));
        }
        List<String> lines = new ArrayList<>();
        lines.add(tables.size() + " audited table(s) on " + server + ":");
        lines.addAll(table.lines());
        return lines;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
