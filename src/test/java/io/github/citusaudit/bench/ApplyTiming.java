package io.github.citusaudit.bench;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.report.StepResult;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.spec.AuditSpec;

/**
 * How long installing the triggers takes: the plugin's {@code apply} against the recipe script and
 * the bare native script, for N tables × S shards. Each contender gets its own schema of identical,
 * freshly created tables (made by the plugin's own table statements, untimed), so only trigger work
 * differs. The plugin's figure is given twice: its whole apply (connection, every idempotent step,
 * the as-of functions, the check of every placement) and its trigger and function statements alone,
 * which are the work the scripts do.
 */
final class ApplyTiming {

    private static final String PLUGIN = "bench_apply_plugin";
    private static final String RECIPE = "bench_apply_recipe";
    private static final String NATIVE = "bench_apply_native";

    /** The plugin's steps that are the scripts' work: the function and the trigger of each table. */
    private static final String FUNCTION_STEP = "trigger function";
    private static final String TRIGGER_STEP = "trigger";

    record Scenario(int tables, int shards) {
        int placements() {
            return tables * shards;
        }
    }

    /**
     * @param pluginFunctionNanos the plugin's "trigger function" statements
     * @param pluginTriggerStepNanos the plugin's "trigger" statements
     * @param probeNanos what asking every placement, through run_command_on_placements, whether a
     *        placement-mode trigger is left to remove costs (run on its own afterwards, for each table): the
     *        trigger step asks it only when placement-mode functions exist
     */
    record Result(Scenario scenario, long setupNanos, long pluginNanos, long pluginFunctionNanos, long pluginTriggerStepNanos,
            long probeNanos, long recipeNanos, long bareNativeNanos) {

        /** The plugin's trigger and function work: what the scripts do. */
        long pluginTriggerNanos() {
            return pluginFunctionNanos + pluginTriggerStepNanos;
        }
    }

    /**
     * Verify of a scenario's plugin tables, twice (the first pays for class loading and catalog caches),
     * with the first run's time per check summed over the tables, and what asking placements costs.
     */
    record VerifyResult(Scenario scenario, long firstNanos, long secondNanos, long reapplyNanos, int checks,
            Map<String, Long> millisPerCheck, PlacementQueryCost.Result placementQueries) {
    }

    private final BenchDatabase db;
    private final BenchOptions options;
    private final List<Result> results = new ArrayList<>();
    private VerifyResult verify;

    ApplyTiming(BenchDatabase db, BenchOptions options) {
        this.db = db;
        this.options = options;
    }

    /** Tables at 32 shards, then shards at a fixed table count; the largest 32-shard scenario is verified. */
    List<Scenario> scenarios() {
        if (!options.runs("apply")) {
            return List.of(verifyScenario());
        }
        Set<Scenario> scenarios = new LinkedHashSet<>();
        options.applyTables().forEach(t -> scenarios.add(new Scenario(t, 32)));
        options.applyShards().forEach(s -> scenarios.add(new Scenario(options.shardScaleTables(), s)));
        return List.copyOf(scenarios);
    }

    Scenario verifyScenario() {
        return new Scenario(options.applyTables().stream().max(Integer::compare).orElseThrow(), 32);
    }

    void run() throws SQLException {
        for (Scenario scenario : scenarios()) {
            results.add(measure(scenario));
        }
    }

    List<Result> results() {
        return results;
    }

    VerifyResult verify() {
        return verify;
    }

    private Result measure(Scenario scenario) throws SQLException {
        System.out.println("  apply " + scenario.tables() + " tables x " + scenario.shards() + " shards ...");
        db.dropSchemas(PLUGIN, RECIPE, NATIVE);
        Path specs = options.output().resolve("specs");
        String name = scenario.tables() + "x" + scenario.shards();
        List<String> tables = BenchSpecs.numbered(scenario.tables());
        Path pluginSpec = BenchSpecs.write(specs, "apply-plugin-" + name + ".yaml", PLUGIN, tables, scenario.shards());
        AuditSpec recipe = BenchSpecs.read(BenchSpecs.write(specs, "apply-recipe-" + name + ".yaml", RECIPE, tables, scenario.shards()));
        AuditSpec bareNative = BenchSpecs.read(BenchSpecs.write(specs, "apply-native-" + name + ".yaml", NATIVE, tables, scenario.shards()));

        long setup = System.nanoTime();
        db.createTablesWithoutTriggers(BenchSpecs.read(pluginSpec));
        db.createTablesWithoutTriggers(recipe);
        db.createTablesWithoutTriggers(bareNative);
        setup = System.nanoTime() - setup;

        long pluginStart = System.nanoTime();
        ApplyReport report = apply(pluginSpec);
        long plugin = System.nanoTime() - pluginStart;
        long pluginFunction = stepNanos(report, FUNCTION_STEP);
        long pluginTriggerStep = stepNanos(report, TRIGGER_STEP);
        long probe = placementTriggerProbe(BenchSpecs.read(pluginSpec));

        List<String> recipeScript = RecipeScripts.recipe(recipe);
        RecipeScripts.write(options.output().resolve("scripts/recipe-" + name + ".sql"), recipeScript);
        long recipeStart = System.nanoTime();
        RecipeScripts.run(db, recipeScript);
        long recipeNanos = System.nanoTime() - recipeStart;

        List<String> nativeScript = RecipeScripts.bareNative(bareNative);
        RecipeScripts.write(options.output().resolve("scripts/bare-native-" + name + ".sql"), nativeScript);
        long nativeStart = System.nanoTime();
        RecipeScripts.run(db, nativeScript);
        long nativeNanos = System.nanoTime() - nativeStart;

        if (options.runs("verify") && scenario.equals(verifyScenario())) {
            verify = verify(scenario, pluginSpec);
        }
        db.dropSchemas(PLUGIN, RECIPE, NATIVE);
        Result result = new Result(scenario, setup, plugin, pluginFunction, pluginTriggerStep, probe, recipeNanos, nativeNanos);
        System.out.printf("    tables made in %s s (untimed); plugin apply %s s (function %s s, trigger %s s, of which the placement"
                + " probe %s s), recipe %s s, bare native %s s%n", Stats.seconds(setup), Stats.seconds(plugin),
                Stats.seconds(pluginFunction), Stats.seconds(pluginTriggerStep), Stats.seconds(probe), Stats.seconds(recipeNanos),
                Stats.seconds(nativeNanos));
        return result;
    }

    private static long stepNanos(ApplyReport report, String step) {
        return report.steps().stream().filter(s -> s.statement().step().equals(step)).mapToLong(StepResult::millis).sum() * 1_000_000;
    }

    /**
     * The query the plugin's trigger statement runs first on Citus (templates/common/drop-placement-triggers.vm):
     * one run_command_on_placements per table asking each placement for a placement-mode trigger. Timed
     * on its own, for every table, to show how much of the trigger step it is.
     */
    private long placementTriggerProbe(AuditSpec spec) throws SQLException {
        long start = System.nanoTime();
        try (var connection = db.connect(); var statement = connection.createStatement()) {
            for (var table : spec.tables()) {
                String command = "SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgname = " + Sql.lit(table.history().triggerName())
                        + " AND tgrelid = ";
                statement.execute("SELECT count(*) FROM run_command_on_placements(" + Sql.lit(Sql.table(table.schema(), table.name()))
                        + "::regclass, " + Sql.lit(command.replace("%", "%%") + "%1$L::regclass") + ") WHERE NOT success OR result <> '0'");
            }
        }
        return System.nanoTime() - start;
    }

    private VerifyResult verify(Scenario scenario, Path spec) throws SQLException {
        File reports = options.output().resolve("verify").toFile();
        Requests.Verify request = new Requests.Verify(spec.toFile(), null, db.settings(), null, reports, true);
        long first = System.nanoTime();
        VerifyReport report = new VerifyCommand(BenchDatabase.QUIET).run(request);
        first = System.nanoTime() - first;
        Map<String, Long> perCheck = new LinkedHashMap<>();
        report.results().forEach(r -> perCheck.merge(r.check(), r.millis(), Long::sum));
        long second = System.nanoTime();
        new VerifyCommand(BenchDatabase.QUIET).run(request);
        second = System.nanoTime() - second;
        // Apply again: everything is in place, so every step finds it right and changes nothing.
        long reapply = System.nanoTime();
        apply(spec);
        reapply = System.nanoTime() - reapply;
        PlacementQueryCost.Result placementQueries = PlacementQueryCost.measure(db, BenchSpecs.read(spec));
        System.out.printf("    verify %s s (ms per check: %s), again %s s; apply again (no change) %s s%n", Stats.seconds(first),
                perCheck, Stats.seconds(second), Stats.seconds(reapply));
        return new VerifyResult(scenario, first, second, reapply, report.results().size(), perCheck, placementQueries);
    }

    private ApplyReport apply(Path spec) {
        return new ApplyCommand(BenchDatabase.QUIET).run(new Requests.Apply(spec.toFile(), null, db.settings(), null, false, null));
    }
}
