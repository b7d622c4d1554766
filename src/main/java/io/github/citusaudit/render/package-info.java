/**
 * Model → ordered SQL: which templates render, in which order, with what in their context. The
 * templates (top-level {@code templates/}, packaged in the jar, overridable) only loop and print;
 * {@link io.github.citusaudit.render.SqlQuote} is the one place names and literals are quoted.
 * The statements are written as a psql script ({@code SqlScript}), a Flyway repeatable migration
 * ({@code FlywayMigration}) or a Liquibase changelog ({@code LiquibaseChangelog}). Uses {@code spec}.
 */
package io.github.citusaudit.render;
