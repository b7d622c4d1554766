package io.github.citusaudit.bench;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The benchmark of issue 7, one command against a Citus coordinator:
 * {@code ./mvnw -B -Pbenchmark verify} (see docs/benchmarks.md). Measures, in this order:
 * {@code generate} for a large spec (in process, before anything else has warmed the JVM), the
 * servers' CPU per write (and throughput) with each way of auditing, and {@code apply} /
 * {@code verify} times against the hand-written scripts. Prints a Markdown table and writes it to {@code target/benchmarks/results.md}.
 * Not a test: nothing here asserts on time; the targets are reported as met or not.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Instant started = Instant.now();
        ResultsTable results = new ResultsTable(options);
        if (options.runs("generate")) {
            System.out.println("Generate:");
            results.generate(GenerateTiming.run(options));
        }
        if (options.runs("write") || options.runs("apply") || options.runs("verify") || options.runs("custom")
                || options.runs("scale")) {
            try (BenchCluster cluster = BenchCluster.open(options)) {
                BenchDatabase db = new BenchDatabase(cluster.settings());
                results.machine(Machine.describe(db, cluster.describe()));
                if (options.runs("write")) {
                    System.out.println("Write cost (server CPU per write, throughput):");
                    results.write(new WriteCost(db, options).run());
                    db.dropSchemas(WriteCost.SCHEMAS);
                }
                if (options.runs("custom")) {
                    System.out.println("Custom trigger write cost (embiggen):");
                    results.section(CustomTriggerWriteCost.markdown(new CustomTriggerWriteCost(db, options).run(), options));
                    db.dropSchemas(CustomTriggerWriteCost.SCHEMA);
                }
                if (options.runs("apply") || options.runs("verify")) {
                    System.out.println("Apply and verify:");
                    ApplyTiming apply = new ApplyTiming(db, options);
                    apply.run();
                    if (options.runs("apply")) {
                        results.apply(apply.results(), apply.verifyScenario());
                    }
                    results.verify(apply.verify());
                }
                if (options.runs("scale")) {
                    System.out.println("Scale (tables made once, every goal on the first N):");
                    results.scale(new ScaleTiming(db, options).run());
                }
            }
        }
        results.machine(java.util.List.of("Load average at end: " + Machine.loadAverage()));
        Path file = results.writeTo(options.output(), started);
        System.out.println();
        System.out.println(results.markdown(started));
        System.out.println("Written to " + file.toAbsolutePath());
    }
}
