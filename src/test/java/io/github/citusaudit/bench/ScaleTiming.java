package io.github.citusaudit.bench;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.DropCommand;
import io.github.citusaudit.core.GenerateCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.report.StepResult;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.spec.AuditSpec;

/**
 * How the plugin's goals grow with the number of tables, up to hundreds of tables of 32 shards: for
 * each count, on the first N of one schema of tables created once (the slow part on two cores) and
 * reused for every count and every goal: the bare native script, then the plugin's {@code apply}
 * (with the heap it takes), {@code verify}, {@code apply} again with nothing to change, and
 * {@code generate}. Between contenders the plugin's {@code drop} removes triggers and functions
 * (untimed; the tables and their history stay), so each starts from the same tables.
 */
final class ScaleTiming {

    static final String SCHEMA = "bench_scale";

    /** The goals for the first {@code tables} tables. */
    record Point(int tables, long applyNanos, long triggerWorkNanos, long bareNativeNanos, long verifyNanos, int verifyChecks,
            long reapplyNanos, long generateNanos, long applyHeapBytes, Map<String, Long> applyMillisPerStep,
            Map<String, Long> verifyMillisPerCheck) {
    }

    /** The points, and how long creating the tables took (untimed in the points), or that an earlier run's were reused. */
    record Result(int shards, long setupNanos, boolean reused, List<Point> points) {
        Point largest() {
            return points.get(points.size() - 1);
        }
    }

    private final BenchDatabase db;
    private final BenchOptions options;

    ScaleTiming(BenchDatabase db, BenchOptions options) {
        this.db = db;
        this.options = options;
    }

    Result run() throws SQLException {
        List<Integer> counts = options.scaleTables().stream().sorted().toList();
        int shards = options.shards();
        Path specs = options.output().resolve("specs");
        int most = counts.get(counts.size() - 1);
        Path all = BenchSpecs.write(specs, "scale-all.yaml", SCHEMA, BenchSpecs.numbered(most), shards);
        long setup = System.nanoTime();
        boolean reused = options.scaleKeep() && madeBefore(most, shards);
        if (reused) {
            System.out.println("  reusing " + most + " tables x " + shards + " shards left by an earlier run (bench.scaleKeep)");
            drop(all);
        } else {
            db.dropSchemas(SCHEMA);
            System.out.println("  creating " + most + " tables x " + shards + " shards with their history tables (untimed) ...");
            db.createTablesWithoutTriggers(BenchSpecs.read(all));
        }
        setup = System.nanoTime() - setup;
        System.out.println("    ready in " + Stats.seconds(setup) + " s");
        List<Point> points = new ArrayList<>();
        try {
            for (int count : counts) {
                points.add(measure(specs, count, shards));
            }
        } finally {
            if (!options.scaleKeep()) {
                dropTables(most);
            }
        }
        return new Result(shards, setup, reused, points);
    }

    private Point measure(Path specs, int count, int shards) throws SQLException {
        Path spec = BenchSpecs.write(specs, "scale-" + count + ".yaml", SCHEMA, BenchSpecs.numbered(count), shards);
        AuditSpec audit = BenchSpecs.read(spec);

        List<String> script = RecipeScripts.bareNative(audit);
        RecipeScripts.write(options.output().resolve("scripts/scale-bare-native-" + count + ".sql"), script);
        long bareNative = System.nanoTime();
        RecipeScripts.run(db, script);
        bareNative = System.nanoTime() - bareNative;
        drop(spec);

        HeapPeak heap = HeapPeak.start();
        long apply = System.nanoTime();
        ApplyReport report = apply(spec);
        apply = System.nanoTime() - apply;
        long applyHeap = heap.peakBytes();
        long triggerWork = report.steps().stream().filter(s -> s.statement().step().equals("trigger function")
                || s.statement().step().equals("trigger")).mapToLong(StepResult::millis).sum() * 1_000_000;

        Requests.Verify request = new Requests.Verify(spec.toFile(), null, db.settings(), null,
                options.output().resolve("verify-scale").toFile(), true);
        long verify = System.nanoTime();
        VerifyReport verified = new VerifyCommand(BenchDatabase.QUIET).run(request);
        verify = System.nanoTime() - verify;
        if (!verified.passed()) {
            throw new IllegalStateException("verify of " + count + " tables after apply failed: " + verified.failures());
        }

        long reapply = System.nanoTime();
        apply(spec);
        reapply = System.nanoTime() - reapply;

        Requests.Generate generateRequest = new Requests.Generate(spec.toFile(), null,
                options.output().resolve("generate-scale").toFile(), null, null);
        long generate = System.nanoTime();
        new GenerateCommand(BenchDatabase.QUIET).run(generateRequest);
        generate = System.nanoTime() - generate;

        drop(spec);
        Map<String, Long> perStep = new LinkedHashMap<>();
        report.steps().forEach(st -> perStep.merge(st.statement().step(), st.millis(), Long::sum));
        Map<String, Long> perCheck = new LinkedHashMap<>();
        verified.results().forEach(r -> perCheck.merge(r.check(), r.millis(), Long::sum));
        System.out.println("    apply ms per step: " + perStep + "; verify ms per check: " + perCheck);
        Point point = new Point(count, apply, triggerWork, bareNative, verify, verified.results().size(), reapply, generate, applyHeap,
                perStep, perCheck);
        System.out.printf("  %d tables x %d shards: bare native %s s, apply %s s (trigger + function %s s, heap peak %s MiB),"
                + " verify %s s, apply again %s s, generate %s s%n", count, shards, Stats.seconds(bareNative), Stats.seconds(apply),
                Stats.seconds(triggerWork), HeapPeak.mebibytes(applyHeap), Stats.seconds(verify), Stats.seconds(reapply),
                Stats.seconds(generate));
        return point;
    }

    /** Whether the schema holds exactly the tables a run for {@code count} tables of {@code shards} shards makes. */
    private boolean madeBefore(int count, int shards) throws SQLException {
        String found = db.single("SELECT count(*) FILTER (WHERE (SELECT count(*) FROM pg_dist_shard s WHERE s.logicalrelid = d.logicalrelid) = "
                + shards + ") || ' of ' || count(*) FROM pg_dist_partition d JOIN pg_class c ON c.oid = d.logicalrelid"
                + " WHERE c.relnamespace = to_regnamespace(" + Sql.lit(SCHEMA) + ")");
        return found.equals((2 * count) + " of " + (2 * count));
    }

    /**
     * One table at a time: a DROP SCHEMA ... CASCADE of hundreds of distributed tables takes a lock per
     * shard in one transaction and runs out of shared memory (max_locks_per_transaction).
     */
    private void dropTables(int count) {
        try {
            for (String table : BenchSpecs.numbered(count)) {
                db.execute("DROP TABLE IF EXISTS " + Sql.table(SCHEMA, table) + ", " + Sql.table(SCHEMA, table + "_hist") + " CASCADE");
            }
            db.dropSchemas(SCHEMA);
        } catch (SQLException e) {
            System.err.println("WARNING: could not drop " + SCHEMA + " (the figures stand): " + e.getMessage());
        }
    }

    private ApplyReport apply(Path spec) {
        return new ApplyCommand(BenchDatabase.QUIET).run(new Requests.Apply(spec.toFile(), (File) null, db.settings(), null, false, null));
    }

    /** The plugin's drop: triggers and functions (the bare script's have the same names), history kept. */
    private void drop(Path spec) {
        new DropCommand(BenchDatabase.QUIET).run(new Requests.Drop(spec.toFile(), null, db.settings(), false, null));
    }
}
