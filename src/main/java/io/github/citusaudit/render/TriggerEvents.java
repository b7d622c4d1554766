package io.github.citusaudit.render;

import java.util.Set;
import java.util.StringJoiner;

import io.github.citusaudit.spec.Operation;

/** The trigger's events as SQL and as the {@code pg_trigger.tgtype} bits PostgreSQL stores for them. */
public final class TriggerEvents {

    // From PostgreSQL's catalog/pg_trigger.h.
    private static final int ROW = 1;
    private static final int INSERT = 1 << 2;
    private static final int DELETE = 1 << 3;
    private static final int UPDATE = 1 << 4;

    private TriggerEvents() {
    }

    /** {@code INSERT OR UPDATE OR DELETE}, in a fixed order. */
    public static String sql(Set<Operation> operations) {
        StringJoiner joiner = new StringJoiner(" OR ");
        for (Operation operation : Operation.values()) {
            if (operations.contains(operation)) {
                joiner.add(operation.name());
            }
        }
        return joiner.toString();
    }

    /** tgtype of an AFTER ... FOR EACH ROW trigger on these events. */
    public static int tgtype(Set<Operation> operations) {
        int type = ROW;
        type |= operations.contains(Operation.INSERT) ? INSERT : 0;
        type |= operations.contains(Operation.DELETE) ? DELETE : 0;
        type |= operations.contains(Operation.UPDATE) ? UPDATE : 0;
        return type;
    }
}
