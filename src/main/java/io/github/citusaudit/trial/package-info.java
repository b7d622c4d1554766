/**
 * Databases that exist for one run — Citus in Docker, a local Citus cluster, an embedded
 * PostgreSQL — and the sample INSERT, UPDATE and DELETE a trial makes on each audited table.
 */
package io.github.citusaudit.trial;
