package io.github.citusaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one step did, told from the catalog before and after it (never from what the statement was
 * meant to do): {@code created} when it only added objects, {@code changed} when it altered or
 * removed any, {@code unchanged} when the catalog reads the same; and what, in words ("added columns
 * x, y to s.t_hist", "function body changed: 2 branches added", "trigger created on 32 placements").
 */
public record StepOutcome(Kind kind, List<String> what) {

    public enum Kind {
        CREATED, CHANGED, UNCHANGED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Kinds of facts that are objects of their own; the others (columns, branches, placements, grants) are their parts. */
    private static final Set<String> OBJECTS = Set.of("schema", "sequence", "table", "partition", "distribution", "function",
            "as-of", "shard-function", "trigger", "setting");

    public static final StepOutcome UNCHANGED = new StepOutcome(Kind.UNCHANGED, List.of());

    public StepOutcome {
        what = List.copyOf(what);
    }

    public boolean changedSomething() {
        return kind != Kind.UNCHANGED;
    }

    /** "created (table s.t with 12 columns)", or just "unchanged". */
    public String describe() {
        return what.isEmpty() ? kind.word() : kind.word() + " (" + String.join("; ", what) + ")";
    }

    public static StepOutcome between(CatalogFacts before, CatalogFacts after) {
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, String[]> changed = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        after.facts().forEach((key, value) -> {
            String old = before.facts().get(key);
            if (old == null) {
                added.put(key, value);
            } else if (!old.equals(value)) {
                changed.put(key, new String[] {old, value});
            }
        });
        before.facts().forEach((key, value) -> {
            if (!after.facts().containsKey(key)) {
                removed.put(key, value);
            }
        });
        if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return UNCHANGED;
        }
        boolean objectAdded = added.keySet().stream().anyMatch(k -> OBJECTS.contains(CatalogFacts.kind(k)));
        boolean objectAltered = changed.keySet().stream().anyMatch(k -> OBJECTS.contains(CatalogFacts.kind(k)))
                || removed.keySet().stream().anyMatch(k -> OBJECTS.contains(CatalogFacts.kind(k)));
        Kind kind = objectAdded && !objectAltered ? Kind.CREATED : Kind.CHANGED;
        return new StepOutcome(kind, new Words(added, changed, removed).all());
    }

    /** A prediction made without running the step (a dry run cannot run what Citus commits in sessions of its own). */
    public static StepOutcome predicted(Kind kind, String what) {
        return new StepOutcome(kind, List.of(what));
    }

    /** Puts a diff into words, one phrase per kind of fact. */
    private record Words(Map<String, String> added, Map<String, String[]> changed, Map<String, String> removed) {

        List<String> all() {
            List<String> words = new ArrayList<>();
            Set<String> newTables = new TreeSet<>();
            added.keySet().stream().filter(k -> CatalogFacts.kind(k).equals("table")).map(CatalogFacts::name).forEach(newTables::add);
            for (Map.Entry<String, String> fact : added.entrySet()) {
                String kind = CatalogFacts.kind(fact.getKey());
                String name = CatalogFacts.name(fact.getKey());
                switch (kind) {
                    case "schema" -> words.add("schema " + name + ("exists".equals(fact.getValue()) ? "" : " (" + fact.getValue() + ")"));
                    case "sequence" -> words.add("sequence " + name);
                    case "table" -> {
                        words.add(fact.getValue() + " " + name + " with " + columnsOf(added, name).size() + " columns");
                    }
                    case "partition" -> words.add("partition " + name);
                    case "distribution" -> words.add(name + " distributed: " + fact.getValue());
                    case "function", "as-of" -> words.add("function " + name + branchCount(name));
                    case "trigger" -> words.add("trigger " + name);
                    case "setting" -> words.add(name + ": " + fact.getValue());
                    case "readers" -> {
                        if (!newTables.contains(name)) {
                            words.add("readers of " + name + ": " + fact.getValue());
                        }
                    }
                    default -> {
                    }
                }
            }
            Map<String, List<String>> addedColumns = new LinkedHashMap<>();
            for (String key : added.keySet()) {
                if (CatalogFacts.kind(key).equals("column")) {
                    String name = CatalogFacts.name(key);
                    String table = tableOf(name);
                    if (!newTables.contains(table)) {
                        addedColumns.computeIfAbsent(table, t -> new ArrayList<>()).add(name.substring(table.length() + 1));
                    }
                }
            }
            addedColumns.forEach((table, columns) -> words.add("added columns " + String.join(", ", columns) + " to " + table));
            count(words, added, "shard-function", "shard functions created");
            for (Map.Entry<String, String[]> fact : changed.entrySet()) {
                String kind = CatalogFacts.kind(fact.getKey());
                String name = CatalogFacts.name(fact.getKey());
                String[] values = fact.getValue();
                switch (kind) {
                    case "column" -> words.add("column " + name + " retyped from " + values[0] + " to " + values[1]);
                    case "function", "as-of" -> words.add("function body changed" + branchChanges(name));
                    case "placements" -> words.add(placements(values[0], values[1]));
                    case "shard-function" -> {
                    }
                    default -> words.add(kind + " " + name + ": " + values[0] + " -> " + values[1]);
                }
            }
            count(words, changed, "shard-function", "shard functions changed");
            for (Map.Entry<String, String> fact : removed.entrySet()) {
                String kind = CatalogFacts.kind(fact.getKey());
                if (!kind.equals("branch") && !kind.equals("shard-function")) {
                    words.add(kind + " " + CatalogFacts.name(fact.getKey()) + " removed");
                }
            }
            count(words, removed, "shard-function", "shard functions removed");
            for (String key : added.keySet()) {
                if (CatalogFacts.kind(key).equals("placements")) {
                    words.add(placements("0 of 0", added.get(key)));
                }
            }
            return words;
        }

        private static void count(List<String> words, Map<String, ?> facts, String kind, String phrase) {
            long count = facts.keySet().stream().filter(k -> CatalogFacts.kind(k).equals(kind)).count();
            if (count > 0) {
                words.add(count + " " + phrase);
            }
        }

        private static List<String> columnsOf(Map<String, String> facts, String table) {
            return facts.keySet().stream().filter(k -> CatalogFacts.kind(k).equals("column"))
                    .map(CatalogFacts::name).filter(n -> tableOf(n).equals(table)).toList();
        }

        /** A column fact's name is its table's name, a dot and the column's (quoted when it must be). */
        private static String tableOf(String column) {
            int dot = column.lastIndexOf('.');
            if (column.endsWith("\"")) {
                dot = column.lastIndexOf(".\"", column.length() - 2);
            }
            return dot < 0 ? column : column.substring(0, dot);
        }

        private String branchCount(String function) {
            long branches = added.keySet().stream().filter(k -> isBranchOf(k, function)).count();
            return branches == 0 ? "" : " with " + branches + " branches";
        }

        private String branchChanges(String function) {
            long plus = added.keySet().stream().filter(k -> isBranchOf(k, function)).count();
            long minus = removed.keySet().stream().filter(k -> isBranchOf(k, function)).count();
            List<String> parts = new ArrayList<>();
            if (plus > 0) {
                parts.add(plus + (plus == 1 ? " branch" : " branches") + " added");
            }
            if (minus > 0) {
                parts.add(minus + (minus == 1 ? " branch" : " branches") + " removed");
            }
            return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
        }

        private static boolean isBranchOf(String key, String function) {
            return CatalogFacts.kind(key).equals("branch") && CatalogFacts.name(key).startsWith(function + " ");
        }

        /** "N of M": how many placements of M have the trigger. */
        private static String placements(String before, String after) {
            long had = Long.parseLong(before.split(" ")[0]);
            long has = Long.parseLong(after.split(" ")[0]);
            long of = Long.parseLong(after.split(" ")[2]);
            if (has > had) {
                return "trigger created on " + placements(has - had) + " (" + has + " of " + of + " have it)";
            }
            return "trigger removed from " + placements(had - has) + " (" + has + " of " + of + " have it)";
        }

        private static String placements(long count) {
            return count + (count == 1 ? " placement" : " placements");
        }
    }
}
