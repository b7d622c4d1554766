package io.github.citusaudit.report;

import java.util.List;

/**
 * A dry run for review: what would change against the live database, step by step, each followed
 * by its SQL; a psql script that installs just those steps (every step checks what is there, so it
 * is as safe to run as apply's whole list).
 */
public final class DryRunScript {

    private DryRunScript() {
    }

    public static String of(String specName, String database, ApplyReport report) {
        StringBuilder script = new StringBuilder();
        script.append("-- citus-audit dry run of ").append(specName).append(" against ").append(database)
                .append(" (").append(report.server()).append(")\n");
        script.append("-- ").append(report.countLine()).append('\n');
        List<StepResult> changes = report.changes();
        for (StepResult step : changes) {
            script.append("--   ").append(step.statement().title().replace("\n", " ")).append(": would be ")
                    .append(step.outcome().describe().replace("\n", " ")).append('\n');
        }
        if (changes.isEmpty()) {
            return script.toString();
        }
        script.append("-- The steps that would change something follow; run with: psql -X -f <this file>.\n");
        script.append("\\set ON_ERROR_STOP on\n");
        int number = 1;
        for (StepResult step : changes) {
            script.append('\n').append("-- [").append(number++).append('/').append(changes.size()).append("] ")
                    .append(step.statement().title().replace("\n", " ")).append('\n');
            script.append(step.statement().sql()).append(";\n");
        }
        return script.toString();
    }
}
