/**
 * YAML spec → validated, immutable model. Every problem that can be known without a database is
 * reported here, all at once, each with its file:line:column; the derived names (history table,
 * trigger, function, as-of function, id sequence) follow one set of rules. Uses no other room.
 */
package io.github.citusaudit.spec;
