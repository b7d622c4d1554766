package io.github.citusaudit.report;

import io.github.citusaudit.render.Statement;

/** A statement that ran, and how long it took. */
public record StepResult(Statement statement, long millis) {
}
