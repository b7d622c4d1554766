package io.github.citusaudit.trial;

import io.github.citusaudit.db.ConnectionSettings;

/** A database server that exists only until {@link #close()}: for trial runs and tests. */
public interface ThrowawayDatabase extends AutoCloseable {

    ConnectionSettings settings();

    /** What it is, for the log: e.g. "local Citus 13.2 (coordinator and 2 workers)". */
    String describe();

    @Override
    void close();
}
