package io.github.citusaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an apply did (or, for a dry run, would do), summarised per table for the end of the log,
 * with the count of steps that created, changed and left things unchanged.
 */
public record ApplyReport(String server, List<StepResult> steps, int tables, int customTriggers, boolean dryRun) {

    public ApplyReport {
        steps = List.copyOf(steps);
    }

    public ApplyReport(String server, List<StepResult> steps, int tables) {
        this(server, steps, tables, 0, false);
    }

    public long totalMillis() {
        return steps.stream().mapToLong(StepResult::millis).sum();
    }

    public long count(StepOutcome.Kind kind) {
        return steps.stream().filter(s -> s.outcome() != null && s.outcome().kind() == kind).count();
    }

    /** The steps that changed (or would change) something. */
    public List<StepResult> changes() {
        return steps.stream().filter(s -> s.outcome() != null && s.outcome().changedSomething()).toList();
    }

    /** "nothing to do (12 steps unchanged)" or "12 steps: 3 created, 2 changed, 7 unchanged" (with "would be" in a dry run). */
    public String countLine() {
        long created = count(StepOutcome.Kind.CREATED);
        long changed = count(StepOutcome.Kind.CHANGED);
        long unchanged = count(StepOutcome.Kind.UNCHANGED);
        if (created + changed == 0) {
            return "nothing to do: all " + steps.size() + " steps unchanged" + (dryRun ? " (dry run)" : "");
        }
        return (dryRun ? "dry run: " : "") + steps.size() + " steps: " + created + (dryRun ? " would be" : "") + " created, "
                + changed + (dryRun ? " would be" : "") + " changed, " + unchanged + " unchanged";
    }

    public List<String> summary() {
        Map<String, long[]> perSubject = new LinkedHashMap<>();
        for (StepResult step : steps) {
            long[] counts = perSubject.computeIfAbsent(step.statement().subject(), s -> new long[4]);
            counts[0]++;
            counts[1] += step.millis();
            if (step.outcome() != null) {
                counts[2 + (step.outcome().kind() == StepOutcome.Kind.UNCHANGED ? 1 : 0)]++;
            }
        }
        TextTable table = new TextTable(List.of("object", "steps", "changed", "unchanged", "ms"));
        perSubject.forEach((subject, counts) -> table.row(List.of(subject, counts[0], counts[2], counts[3], counts[1])));
        List<String> lines = new ArrayList<>();
        lines.add((dryRun ? "Dry run of " : "Applied ") + tables + " audited table(s)" + (customTriggers == 0 ? "" : " and "
                + customTriggers + " custom trigger(s)") + " on " + server + " in " + totalMillis() + " ms:");
        lines.addAll(table.lines());
        lines.add(countLine());
        return lines;
    }
}
