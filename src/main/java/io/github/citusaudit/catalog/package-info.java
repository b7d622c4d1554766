/**
 * What is installed, read from the catalogs: a table's live columns, the triggers on the tables and
 * on every shard placement, the history columns a source no longer matches. One query per fact; a
 * live database that disagrees with the spec is a {@link io.github.citusaudit.catalog.DriftException}.
 */
package io.github.citusaudit.catalog;
