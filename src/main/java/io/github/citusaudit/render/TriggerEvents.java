package io.github.citusaudit.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.github.citusaudit.spec.Operation;

/** The trigger's events as SQL and as the {@code pg_trigger.tgtype} bits PostgreSQL stores for them. */
public final class TriggerEvents {

    // From PostgreSQL's catalog/pg_trigger.h. AFTER is the absence of the BEFORE (2) and INSTEAD (64) bits.
    private static final int ROW = 1;
    private static final List<Map.Entry<Operation, Integer>> EVENT_BITS = List.of(
            Map.entry(Operation.INSERT, 1 << 2),
            Map.entry(Operation.DELETE, 1 << 3),
            Map.entry(Operation.UPDATE, 1 << 4));

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
        for (Map.Entry<Operation, Integer> event : EVENT_BITS) {
            type |= operations.contains(event.getKey()) ? event.getValue() : 0;
        }
        return type;
    }

    /**
     * How {@link #tgtype} adds up, for a comment beside it:
     * {@code FOR EACH ROW 1 + INSERT 4 + DELETE 8 + UPDATE 16; AFTER sets no bit}.
     */
    public static String tgtypeBits(Set<Operation> operations) {
        StringJoiner bits = new StringJoiner(" + ", "", "; AFTER sets no bit");
        bits.add("FOR EACH ROW " + ROW);
        for (Map.Entry<Operation, Integer> event : EVENT_BITS) {
            if (operations.contains(event.getKey())) {
                bits.add(event.getKey().name() + " " + event.getValue());
            }
        }
        return bits.toString();
    }
}
