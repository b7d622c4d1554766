/**
 * Talking to the server: connection settings and connections, the plugin's own session (lock
 * timeout, the advisory lock that serialises applies), running rendered statements (saying what a
 * statement waits for, asked from a second connection, and cancelling it on the server), small queries answered as text rows, what the server is (versions) and, on Citus, its nodes.
 * Database failures become {@link io.github.citusaudit.db.DatabaseException} with their SQLSTATE.
 */
package io.github.citusaudit.db;
