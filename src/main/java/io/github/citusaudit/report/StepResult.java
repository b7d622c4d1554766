package io.github.citusaudit.report;

import io.github.citusaudit.render.RenderedStatement;

/** A statement that ran (or, in a dry run, would run), how long it took, and what it changed. */
public record StepResult(RenderedStatement statement, long millis, StepOutcome outcome) {

    /** A step whose effect was not read from the catalog (drop). */
    public StepResult(RenderedStatement statement, long millis) {
        this(statement, millis, null);
    }
}
