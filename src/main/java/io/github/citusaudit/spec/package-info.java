/**
 * YAML spec → validated, immutable model. Every problem that can be known without a database is
 * reported here, all at once, each with its file:line:column; the derived names (history table,
 * trigger, function, as-of function, id sequence) follow one set of rules. Custom triggers
 * ({@code triggers:}) are read here too, and whether a body keeps the row's distribution value is
 * told from its form ({@link io.github.citusaudit.spec.StaticRouting}). Uses no other room.
 */
package io.github.citusaudit.spec;
