package io.github.citusaudit.spec;

/** How Citus holds a table; {@code LOCAL} is a plain PostgreSQL table (also what every table is without Citus). */
public enum DistributionKind {
    HASH,
    REFERENCE,
    LOCAL
}
