/**
 * The thin Maven layer: goals map their {@code citus-audit.*} parameters onto a request and call
 * {@code core}; the base mojo skips before anything is read, resolves settings.xml credentials, and
 * maps failures onto Maven's two kinds.
 */
package io.github.citusaudit.mojo;
