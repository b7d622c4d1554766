package io.github.citusaudit.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an apply did, summarised per table for the end of the log. */
public record ApplyReport(String server, List<StepResult> steps, int tables, int customTriggers) {

    public ApplyReport {
        steps = List.copyOf(steps);
    }

    public ApplyReport(String server, List<StepResult> steps, int tables) {
        this(server, steps, tables, 0);
    }

    public long totalMillis() {
        return steps.stream().mapToLong(StepResult::millis).sum();
    }

    public List<String> summary() {
        Map<String, long[]> perSubject = new LinkedHashMap<>();
        for (StepResult step : steps) {
            long[] counts = perSubject.computeIfAbsent(step.statement().subject(), s -> new long[2]);
            counts[0]++;
            counts[1] += step.millis();
        }
        TextTable table = new TextTable(List.of("object", "steps", "ms"));
        perSubject.forEach((subject, counts) -> table.row(List.of(subject, counts[0], counts[1])));
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Applied " + tables + " audited table(s)" + (customTriggers == 0 ? "" : " and " + customTriggers
                + " custom trigger(s)") + " on " + server + " in " + totalMillis() + " ms:");
        lines.addAll(table.lines());
        return lines;
    }
}
