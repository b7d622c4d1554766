package io.github.citusaudit.spec;

/** A row change the audit trigger captures. */
public enum Operation {
    INSERT,
    UPDATE,
    DELETE
}
