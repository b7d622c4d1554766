package io.github.citusaudit.report;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the catalog says about the objects one step is about, at one moment: a fact's key (its kind,
 * a colon, the object's name, e.g. {@code column:shard6.account_hist.client_id}) and its value (e.g.
 * {@code bigint not null}). Read before and after a step, two of these tell what the step did (see
 * {@link StepOutcome}).
 */
public record CatalogFacts(SortedMap<String, String> facts) {

    public static final CatalogFacts NONE = new CatalogFacts(new TreeMap<>());

    public CatalogFacts {
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
    }

    public static CatalogFacts of(Map<String, String> facts) {
        return new CatalogFacts(new TreeMap<>(facts));
    }

    public CatalogFacts plus(CatalogFacts other) {
        TreeMap<String, String> all = new TreeMap<>(facts);
        all.putAll(other.facts);
        return new CatalogFacts(all);
    }

    /** Whether any fact of this kind is known, e.g. {@code shard-function}. */
    public boolean hasKind(String kind) {
        return facts.keySet().stream().anyMatch(key -> kind(key).equals(kind));
    }

    public String get(String key) {
        return facts.get(key);
    }

    static String kind(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    static String name(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? "" : key.substring(colon + 1);
    }
}
