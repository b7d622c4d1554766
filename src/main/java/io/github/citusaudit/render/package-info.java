/**
 * Model → ordered SQL: which templates render, in which order, with what in their context. The
 * templates (top-level {@code templates/}, packaged in the jar, overridable) only loop and print;
 * {@link io.github.citusaudit.render.SqlQuote} is the one place names and literals are quoted.
 * Uses {@code spec}.
 */
package io.github.citusaudit.render;
