package io.github.citusaudit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.core.GenerateCommand;
import io.github.citusaudit.core.Requests;

/**
 * {@code generate} for a large spec, in process, so Maven's start-up is not in the figure: the first
 * run (class loading, template parsing: what a {@code mvn citus-audit:generate} pays once) and the
 * median of warm runs. It runs first in the benchmark, before anything else has loaded the plugin's
 * classes. No database.
 */
final class GenerateTiming {

    private static final int WARM_RUNS = 5;

    /** @param heapBytes the heap the first run took at its peak ({@link HeapPeak}) */
    /**
     * @param firstCpuNanos the CPU time of the thread that ran the first run (garbage collection's own threads
     *        not included): on shared cores, what the run needed when wall time also counts waiting for a core
     * @param warmCpuSeconds the same for the warm runs
     */
    record Result(int tables, long firstNanos, Stats warmSeconds, long installBytes, long heapBytes, long firstCpuNanos,
            Stats warmCpuSeconds) {
    }

    private GenerateTiming() {
    }

    static Result run(BenchOptions options) throws java.io.IOException {
        Path spec = BenchSpecs.write(options.output().resolve("specs"), "generate.yaml", "bench_generate",
                BenchSpecs.numbered(options.generateTables()), 32);
        Path output = options.output().resolve("generate");
        Requests.Generate request = new Requests.Generate(spec.toFile(), null, output.toFile(), null, null);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        HeapPeak heap = HeapPeak.start();
        long firstCpu = threads.getCurrentThreadCpuTime();
        long first = System.nanoTime();
        new GenerateCommand(BenchDatabase.QUIET).run(request);
        first = System.nanoTime() - first;
        firstCpu = threads.getCurrentThreadCpuTime() - firstCpu;
        long heapBytes = heap.peakBytes();
        List<Double> warm = new ArrayList<>();
        List<Double> warmCpu = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            new GenerateCommand(BenchDatabase.QUIET).run(request);
            warm.add((System.nanoTime() - start) / 1e9);
            warmCpu.add((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
        long bytes = java.nio.file.Files.size(output.resolve(GenerateCommand.INSTALL_FILE));
        System.out.printf("  generate %d tables: first %s s (CPU %s s, heap peak %s MiB), warm median %.3f s (CPU %.3f s)%n",
                options.generateTables(), Stats.seconds(first), Stats.seconds(firstCpu), HeapPeak.mebibytes(heapBytes),
                Stats.of(warm).median(), Stats.of(warmCpu).median());
        return new Result(options.generateTables(), first, Stats.of(warm), bytes, heapBytes, firstCpu, Stats.of(warmCpu));
    }
}
