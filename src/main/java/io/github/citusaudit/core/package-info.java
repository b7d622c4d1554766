/**
 * One command per goal (generate, apply, verify, drop, trial), each taking a request record and a
 * console; no Maven types. Misconfiguration is a {@link io.github.citusaudit.core.UsageException}.
 */
package io.github.citusaudit.core;
