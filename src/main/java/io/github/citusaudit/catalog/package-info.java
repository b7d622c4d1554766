/**
 * What is installed, read from the catalogs: a table's live columns, the audit trigger and function
 * on the coordinator and the workers, the triggers on every shard placement, what a migration
 * changed in a source since apply made its trigger function, the facts apply compares before and
 * after each step to say what it did ({@link io.github.citusaudit.catalog.InstalledState}, for all
 * tables in one query), which objects of apply's create-if-missing steps are there already
 * ({@link io.github.citusaudit.catalog.AlreadyThere}), the shards and the branches the trigger function has for them, and what info shows per table. One
 * query per fact, asked in one place; a live database that disagrees with the spec is a
 * {@link io.github.citusaudit.catalog.DriftException}.
 */
package io.github.citusaudit.catalog;
