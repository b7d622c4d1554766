/**
 * The read-only checks of {@code verify}: each compares what is installed with what apply would
 * make and returns findings that name the table, node and shard. Everything is asked through the
 * coordinator.
 */
package io.github.citusaudit.checks;
