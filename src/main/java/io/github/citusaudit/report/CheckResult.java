package io.github.citusaudit.report;

import java.util.List;

/** The outcome of one check on one audited table: passed when it has no findings. */
public record CheckResult(String table, String check, List<Finding> findings, long millis) {

    public CheckResult {
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }
}
