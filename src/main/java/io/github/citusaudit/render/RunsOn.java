package io.github.citusaudit.render;

/** Where a statement is executed. */
public enum RunsOn {
    /** On the coordinator (or the only server, without Citus); Citus propagates what needs propagating. */
    COORDINATOR
}
