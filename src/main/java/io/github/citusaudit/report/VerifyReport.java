package io.github.citusaudit.report;

import java.util.ArrayList;
import java.util.List;

/** Everything one verify run checked, per table and check, on which server. */
public record VerifyReport(String server, List<CheckResult> results) {

    public VerifyReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(CheckResult::passed);
    }

    public List<CheckResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /**
     * Only the failing checks, one row per finding: what the build's failure message carries, so
     * that it is read even when the log is quiet ({@code mvn -q} shows nothing but errors).
     */
    public List<String> failureLines() {
        TextTable table = new TextTable(List.of("table", "check", "finding"));
        for (CheckResult result : failures()) {
            for (Finding finding : result.findings()) {
                table.row(List.of(result.table(), result.check(), finding));
            }
        }
        return table.lines();
    }

    /** The readable table for the build log: one row per check, then one per finding. */
    public List<String> lines() {
        TextTable table = new TextTable(List.of("table", "check", "result"));
        for (CheckResult result : results) {
            if (result.passed()) {
                table.row(List.of(result.table(), result.check(), "ok"));
            } else {
                for (Finding finding : result.findings()) {
                    table.row(List.of(result.table(), result.check(), "FAIL " + finding));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        long failed = results.stream().filter(r -> !r.passed()).count();
        lines.add("Verified " + results.size() + " check(s) on " + server + ": " + (failed == 0 ? "all passed" : failed + " failed"));
        lines.addAll(table.lines());
        return lines;
    }
}
