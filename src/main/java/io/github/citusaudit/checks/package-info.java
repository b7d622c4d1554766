/**
 * The read-only checks of {@code verify}: each compares what is installed with what apply would
 * make and returns findings that name the table, node and shard. {@link io.github.citusaudit.checks.TableChecks}
 * runs them per table in report order; everything is asked through the coordinator, and the
 * workers once for all tables.
 */
package io.github.citusaudit.checks;
