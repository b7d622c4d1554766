/**
 * One command per goal (generate, apply, verify, drop, trial, info), each taking a request record and
 * a console; no Maven types. Apply's steps say what each did, from the catalog before and after it
 * ({@link io.github.citusaudit.core.ApplySteps}); a dry run runs them in a transaction it rolls back;
 * Ctrl-C (a JVM shutdown hook) cancels the running statement on the server. Misconfiguration is a {@link io.github.citusaudit.core.UsageException}.
 */
package io.github.citusaudit.core;
