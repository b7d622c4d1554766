/**
 * Databases that exist for one run — Citus in Docker, a local Citus cluster, an embedded
 * PostgreSQL — and the sample INSERT, UPDATE and DELETE a trial makes on each audited table. The
 * libraries of Citus in Docker and of the embedded PostgreSQL are not on the plugin's class path:
 * {@link io.github.citusaudit.trial.ServerLibraries} says what is needed, whoever runs the trial supplies it.
 */
package io.github.citusaudit.trial;
