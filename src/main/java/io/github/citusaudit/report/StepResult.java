package io.github.citusaudit.report;

import io.github.citusaudit.render.RenderedStatement;

/** A statement that ran, and how long it took. */
public record StepResult(RenderedStatement statement, long millis) {
}
