package io.github.citusaudit.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.github.citusaudit.catalog.AlreadyThere;
import io.github.citusaudit.catalog.InstalledState;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.render.TableView;
import io.github.citusaudit.report.CatalogFacts;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.report.StepOutcome;
import io.github.citusaudit.report.StepResult;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Runs apply's statements one by one and says what each did, read from the catalog before and after
 * it: {@code created}, {@code changed} or {@code unchanged}, and what. The statements stay as they are
 * (idempotent: each checks what is there); the words come from the catalog, not from the statement.
 * In a dry run the caller has opened a transaction it rolls back: each step runs inside it, so that the
 * next one sees what it would have made, and only the steps that would change something are shown.
 */
final class ApplySteps {

    /** Steps whose trigger is on every shard placement: the placements are counted around them (Citus). */
    private static final Set<String> TRIGGER_TEMPLATES = Set.of("install/trigger.sql.vm", "placement/shard-triggers.sql.vm",
            "placement/drop-native-trigger.sql.vm");
    private static final String SHARD_TRIGGERS = "placement/shard-triggers.sql.vm";
    private static final String NATIVE_TRIGGER = "install/trigger.sql.vm";

    private final InstalledState state;
    private final boolean citus;
    private final AuditSpec spec;
    private final StatementRunner runner;
    private final Console console;
    private final boolean dryRun;
    private final Predicate<String> bundled;
    /** What must be there for a create-if-missing step to do nothing, by its place in the statements ({@link AlreadyThere}). */
    private final Map<Integer, String> skipIfThere = new HashMap<>();
    /** Of those, what is there, asked once for all statements before the first. */
    private Set<String> there = Set.of();
    /** Scopes ("table s.t") one of whose steps changed something in this run. */
    private final Set<String> changedScopes = new HashSet<>();
    /** What every table had before the first step; forgotten once a step changes anything. */
    private Map<String, CatalogFacts> snapshot;
    /** Tables ("table s.t") one of whose steps could have changed the placements of its source. */
    private final Set<String> touchedPlacements = new HashSet<>();
    /** Every table's placements with the trigger, counted once when a native trigger step first needs them. */
    private Map<String, CatalogFacts> placementCounts;
    /** Native trigger steps run whose placements are counted after the last step, by their place in the results. */
    private final Map<Integer, Uncounted> uncounted = new TreeMap<>();

    /** @param bundled whether a template is the bundled one: only those steps are known to do nothing when their object is there */
    ApplySteps(InstalledState state, boolean citus, AuditSpec spec, StatementRunner runner, Console console, boolean dryRun,
            Predicate<String> bundled) {
        this.bundled = bundled;
        this.state = state;
        this.citus = citus;
        this.spec = spec;
        this.runner = runner;
        this.console = console;
        this.dryRun = dryRun;
    }

    List<StepResult> run(List<RenderedStatement> statements) {
        List<StepResult> results = new ArrayList<>();
        CatalogFacts carried = null;
        String carriedScope = null;
        int number = 1;
        try {
            // Every table read at once: each table's first step starts from this, as long as no step has changed anything.
            snapshot = snapshot();
            there = alreadyThere(statements);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read what is installed: " + e.getMessage(), e);
        }
        for (RenderedStatement statement : statements) {
            String progress = "[" + number++ + "/" + statements.size() + "] " + statement.title();
            Optional<TableSpec> table = tableOf(statement);
            boolean placements = citus && TRIGGER_TEMPLATES.contains(statement.template()) && table.isPresent()
                    && !table.get().distribution().isLocal();
            String scope = scope(statement);
            int index = number - 2;
            try {
                String needed = skipIfThere.get(index);
                if (needed != null && there.contains(needed) && !changedScopes.contains(scope)) {
                    // Its object is there: the statement would check that and return, so it is not sent.
                    results.add(new StepResult(statement, 0, StepOutcome.UNCHANGED));
                    if (dryRun) {
                        console.debug(progress + " -> unchanged");
                    } else {
                        console.info(progress + " -> unchanged (already there: not sent)");
                    }
                    continue;
                }
                // What the previous step left is this one's "before" when both read the same facts.
                CatalogFacts before = scope.equals(carriedScope) ? carried
                        : snapshot != null && snapshot.containsKey(scope) ? snapshot.get(scope) : facts(statement, table, false);
                CatalogFacts placementsBefore = null;
                // A dry run's changes are in its own transaction, which the placements' sessions do not see.
                if (placements && !dryRun && worthCountingPlacements(statement, before)) {
                    if (statement.template().equals(NATIVE_TRIGGER)) {
                        placementsBefore = placementsBefore(table.get());
                    } else {
                        before = facts(statement, table, true);
                    }
                } else {
                    placements = false;
                }
                if (dryRun && runsInSessionsOfItsOwn(statement, before)) {
                    StepOutcome predicted = predict(statement, table, before);
                    results.add(new StepResult(statement, 0, predicted));
                    say(progress, predicted, 0);
                    carriedScope = null;
                    continue;
                }
                long millis = runner.run(statement, progress);
                CatalogFacts after = facts(statement, table, placements && placementsBefore == null);
                StepOutcome outcome = StepOutcome.between(before, after);
                if (placementsBefore != null) {
                    // Its placements are counted with every other table's after the last step (see placementsCounted).
                    uncounted.put(results.size(), new Uncounted(table.get(), before.plus(placementsBefore), after, progress));
                }
                results.add(new StepResult(statement, millis, outcome));
                say(progress, outcome, millis);
                if (outcome.changedSomething()) {
                    snapshot = null;
                    changedScopes.add(scope);
                    if (table.isPresent() && !cannotTouchTheSourcesPlacements(statement)) {
                        touchedPlacements.add(scope);
                    }
                }
                carried = after;
                carriedScope = placements ? null : scope;
            } catch (SQLException e) {
                throw new DatabaseException(progress + ": cannot read what is installed: " + e.getMessage(), e);
            }
        }
        return results;
    }

    /**
     * The native trigger steps' outcomes with their placements counted: {@code placements} are what
     * every placement of every table said after the last step (apply's own check, one query per node
     * for all tables), which is what each trigger step left, the trigger step being its table's last.
     * Steps whose placements were not counted (nothing to create) are as they were.
     */
    List<StepResult> placementsCounted(List<StepResult> results, List<PlacementResult> placements) {
        if (uncounted.isEmpty()) {
            return results;
        }
        Map<String, long[]> counts = new HashMap<>();
        for (PlacementResult placement : placements) {
            long[] count = counts.computeIfAbsent(placement.table(), t -> new long[2]);
            count[0] += placement.success() ? 1 : 0;
            count[1]++;
        }
        List<StepResult> counted = new ArrayList<>(results);
        uncounted.forEach((index, step) -> {
            long[] count = counts.get(step.table().schema() + "." + step.table().name());
            CatalogFacts after = count == null ? step.after() : step.after().plus(CatalogFacts.of(Map.of(
                    "placements:" + new SqlQuote().table(step.table().schema(), step.table().name()), count[0] + " of " + count[1])));
            StepOutcome outcome = StepOutcome.between(step.before(), after);
            StepResult result = results.get(index);
            counted.set(index, new StepResult(result.statement(), result.millis(), outcome));
            console.info(step.progress() + " -> " + outcome.describe() + " (its placements counted after the last step)");
        });
        uncounted.clear();
        return counted;
    }

    /**
     * How many of the table's placements have the trigger before its trigger step: asked of every
     * table at once, the first time a trigger step needs it; asked again for the table alone when one
     * of its own steps since could have changed its placements (created the table, a partition or its
     * shards).
     */
    private CatalogFacts placementsBefore(TableSpec table) throws SQLException {
        String subject = table.schema() + "." + table.name();
        if (touchedPlacements.contains("table " + subject)) {
            return state.placementsOf(List.of(table)).getOrDefault(subject, CatalogFacts.NONE);
        }
        if (placementCounts == null) {
            placementCounts = state.placementsOf(spec.tables().stream().filter(t -> !t.distribution().isLocal()).toList());
        }
        return placementCounts.getOrDefault(subject, CatalogFacts.NONE);
    }

    /** Steps that make functions, sequences or the history table: the source table's placements are not theirs to change. */
    private static boolean cannotTouchTheSourcesPlacements(RenderedStatement statement) {
        return !(statement.template().equals("install/source-table.sql.vm") || statement.template().equals("install/partition.sql.vm")
                || statement.step().equals("distribution"));
    }

    private Map<String, CatalogFacts> snapshot() throws SQLException {
        List<CatalogFacts> facts = state.ofTables(spec.tables());
        Map<String, CatalogFacts> byTable = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            byTable.put("table " + spec.tables().get(i).schema() + "." + spec.tables().get(i).name(), facts.get(i));
        }
        return byTable;
    }

    /**
     * What each create-if-missing step of a bundled template needs there to do nothing: the table,
     * history table or sequence it creates, the table it distributes (Citus), the audit trigger of a
     * table without partitions. Asked in one query; a step of a table whose earlier step changed
     * something in this run is sent anyway.
     */
    private Set<String> alreadyThere(List<RenderedStatement> statements) throws SQLException {
        AlreadyThere ask = new AlreadyThere();
        SqlQuote q = new SqlQuote();
        for (int i = 0; i < statements.size(); i++) {
            RenderedStatement statement = statements.get(i);
            Optional<TableSpec> found = tableOf(statement);
            if (found.isEmpty() || !bundled.test(statement.template())) {
                continue;
            }
            TableSpec table = found.get();
            String source = q.table(table.schema(), table.name());
            String history = q.table(table.history().schema(), table.history().table());
            String key = switch (statement.template()) {
                case "install/source-table.sql.vm" -> ask.relation(source);
                case "install/history-table.sql.vm" -> ask.relation(history);
                case "install/sequence.sql.vm" -> statement.step().equals("history sequence")
                        ? ask.relation(q.table(table.history().schema(), table.history().idSequence()))
                        : statement.step().startsWith("sequence ")
                                ? ask.relation(q.table(table.schema(), statement.step().substring("sequence ".length()))) : null;
                case "install/distribute.sql.vm" -> !citus ? null : statement.step().equals("distribution") ? ask.distributed(source)
                        : statement.step().equals("history distribution") ? ask.distributed(history) : null;
                case NATIVE_TRIGGER -> {
                    TableView view = TableView.of(table);
                    yield statement.step().equals("trigger") && !view.partitioned()
                            ? ask.trigger(new AlreadyThere.Trigger(source, view.triggerName(), view.function() + "()", view.tgtype()))
                            : null;
                }
                default -> null;
            };
            if (key != null) {
                skipIfThere.put(i, key);
            }
        }
        return skipIfThere.isEmpty() ? Set.of() : state.alreadyThere(ask);
    }

    /** A native trigger step run, its placements to count after the last step. */
    private record Uncounted(TableSpec table, CatalogFacts before, CatalogFacts after, String progress) {
    }

    private void say(String progress, StepOutcome outcome, long millis) {
        if (dryRun) {
            if (outcome.changedSomething()) {
                console.info(progress + " -> would be " + outcome.describe());
            } else {
                console.debug(progress + " -> unchanged");
            }
        } else {
            console.info(progress + " -> " + outcome.describe() + " in " + millis + " ms");
        }
    }

    /**
     * Counting triggers on every placement asks each node, so it is done only where the step may
     * touch them: in native mode, where the table's own trigger is missing, disabled or calls
     * something else (the template then re-creates it and Citus puts it on every shard); always for
     * placement mode's steps.
     */
    private static boolean worthCountingPlacements(RenderedStatement statement, CatalogFacts before) {
        if (!statement.template().equals(NATIVE_TRIGGER)) {
            return true;
        }
        return before.facts().entrySet().stream().noneMatch(f -> f.getKey().startsWith("trigger:") && f.getValue().startsWith("enabled"))
                || InstalledState.hasShardFunctions(before);
    }

    /**
     * Steps that reach shard placements through run_command_on_placements: Citus runs those commands
     * in sessions of its own that commit by themselves, so a dry run must not run them.
     */
    private static boolean runsInSessionsOfItsOwn(RenderedStatement statement, CatalogFacts before) {
        return statement.template().equals(SHARD_TRIGGERS)
                || (statement.template().equals(NATIVE_TRIGGER) && InstalledState.hasShardFunctions(before));
    }

    /** What such a step would do, from the placements' trigger counts (a dry run does not run it). */
    private StepOutcome predict(RenderedStatement statement, Optional<TableSpec> table, CatalogFacts before) throws SQLException {
        if (statement.template().equals(NATIVE_TRIGGER)) {
            return StepOutcome.predicted(StepOutcome.Kind.CHANGED, "switches from placement mode: the per-placement triggers"
                    + " are dropped on every placement and the native trigger created (not run in a dry run: Citus commits"
                    + " each placement's command on its own)");
        }
        CatalogFacts counted = table.isPresent() ? state.ofTable(table.get(), true) : before;
        String placements = counted.facts().entrySet().stream().filter(f -> f.getKey().startsWith("placements:"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (placements == null) {
            return StepOutcome.UNCHANGED;
        }
        long have = Long.parseLong(placements.split(" ")[0]);
        long of = Long.parseLong(placements.split(" ")[2]);
        if (have == of) {
            return StepOutcome.UNCHANGED;
        }
        return StepOutcome.predicted(have == 0 ? StepOutcome.Kind.CREATED : StepOutcome.Kind.CHANGED,
                "trigger created on " + (of - have) + (of - have == 1 ? " placement (" : " placements (") + have + " of " + of
                        + " have it now)");
    }

    private CatalogFacts facts(RenderedStatement statement, Optional<TableSpec> table, boolean placements) throws SQLException {
        return switch (statement.template()) {
            case "install/schema.sql.vm", "install/distributed-schema.sql.vm" -> state.ofSchema(statement.subject());
            case "install/propagate-set-commands.sql.vm" -> state.ofSettings();
            default -> table.isPresent() ? state.ofTable(table.get(), placements) : CatalogFacts.NONE;
        };
    }

    private static String scope(RenderedStatement statement) {
        return switch (statement.template()) {
            case "install/schema.sql.vm", "install/distributed-schema.sql.vm" -> "schema " + statement.subject();
            case "install/propagate-set-commands.sql.vm" -> "settings";
            default -> "table " + statement.subject();
        };
    }

    private Optional<TableSpec> tableOf(RenderedStatement statement) {
        return spec.tables().stream().filter(t -> (t.schema() + "." + t.name()).equals(statement.subject())).findFirst();
    }
}
