package io.github.citusaudit.render;

import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.spec.TriggerSpec;

/**
 * What the templates print about one custom trigger, worked out once from its spec: the names
 * around the body quoted (as {@link TableView} has them for an audited table, under the same method
 * names where the templates are shared: {@link #source()}, {@link #triggerName()}, {@link #function()}),
 * and the body ready for {@code format()}. The body itself is the user's SQL and passes through as
 * written: only its placeholders become {@code %1$s, %2$s, ...}, where the function puts the target
 * shards' names (or the distributed tables' in the fallback), and every {@code %} is doubled so that
 * {@code format()} gives it back.
 */
public final class TriggerView {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");
    /** BEFORE's bit in pg_trigger.tgtype (PostgreSQL's catalog/pg_trigger.h). */
    private static final int BEFORE = 1 << 1;

    private final String source;
    private final String triggerName;
    private final String function;
    private final String timing;
    private final String events;
    private final int tgtype;
    private final String when;
    private final String marker;
    private final List<String> targets;
    private final String bodyTemplate;
    private final boolean routedStatically;
    private final String routing;
    private final String returnValue;

    private TriggerView(TriggerSpec trigger, SqlQuote q) {
        source = q.table(trigger.schema(), trigger.table());
        triggerName = trigger.name();
        function = q.table(trigger.schema(), trigger.function());
        timing = trigger.timing().name();
        events = TriggerEvents.sql(EnumSet.copyOf(trigger.events()));
        tgtype = TriggerEvents.tgtype(trigger.events()) | (trigger.timing() == TriggerSpec.Timing.BEFORE ? BEFORE : 0);
        when = trigger.when();
        // The trigger's comment says what apply made it from where pg_trigger cannot (its WHEN as written).
        marker = "citus-audit custom trigger; when: " + (when == null ? "(none)" : when);
        targets = trigger.targets().stream().map(t -> q.table(t.schema(), t.table())).toList();
        List<String> placeholders = trigger.targets().stream().map(TriggerSpec.TargetSpec::placeholder).toList();
        String body = TRAILING_SEMICOLONS.matcher(trigger.body()).replaceAll("");
        Matcher matcher = PLACEHOLDER.matcher(q.fmt(body));
        StringBuilder template = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(template, Matcher.quoteReplacement("%" + (placeholders.indexOf(matcher.group(1)) + 1) + "$s"));
        }
        matcher.appendTail(template);
        bodyTemplate = template.toString();
        routedStatically = trigger.routedStatically();
        routing = trigger.routing() == TriggerSpec.Routing.DISTRIBUTED ? "routing: distributed"
                : trigger.staticRouting().reason();
        returnValue = trigger.timing() == TriggerSpec.Timing.AFTER ? "NULL" : "CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END";
    }

    public static TriggerView of(TriggerSpec trigger) {
        return new TriggerView(trigger, new SqlQuote());
    }

    /** The trigger's table, {@code shard7.little_vals}. */
    public String source() {
        return source;
    }

    /** The trigger's name as the catalog holds it; {@code $q.id} for SQL. */
    public String triggerName() {
        return triggerName;
    }

    /** The function, without parentheses: {@code shard7.embiggen}. */
    public String function() {
        return function;
    }

    /** {@code AFTER} or {@code BEFORE}. */
    public String timing() {
        return timing;
    }

    /** {@code INSERT OR UPDATE OR DELETE}. */
    public String events() {
        return events;
    }

    /** The {@code pg_trigger.tgtype} of the trigger. */
    public int tgtype() {
        return tgtype;
    }

    /** The WHEN condition as written (user SQL), or null. */
    public String when() {
        return when;
    }

    /** The comment apply puts on the trigger, by which it tells that the WHEN it has is the spec's. */
    public String marker() {
        return marker;
    }

    /** The target tables, quoted, in placeholder order ({@code %1$s} is the first). */
    public List<String> targets() {
        return targets;
    }

    /** The body as text for format(): placeholders as {@code %1$s, ...}, every other % doubled, no final semicolon. */
    public String bodyTemplate() {
        return bodyTemplate;
    }

    /** Whether the function gets a static branch per shard pair; else only the distributed tables. */
    public boolean routedStatically() {
        return routedStatically;
    }

    /** Why it is routed as it is, for a comment in the generated SQL. */
    public String routing() {
        return routing;
    }

    /** What the function returns: NULL after the row change, the row (NEW, or OLD for DELETE) before it. */
    public String returnValue() {
        return returnValue;
    }
}
