/**
 * Talking to the server: connection settings and connections, the plugin's own session (lock
 * timeout, the advisory lock that serialises applies), running rendered statements with progress,
 * small queries answered as text rows, what the server is (versions) and, on Citus, its nodes.
 * Database failures become {@link io.github.citusaudit.db.DatabaseException} with their SQLSTATE.
 */
package io.github.citusaudit.db;
