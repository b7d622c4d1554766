package io.github.citusaudit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown: printed at the end and written to results.md. */
final class ResultsTable {

    private final BenchOptions options;
    private final List<String> machine = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    /** Measured first (on a fresh JVM) but reported last, in the order. */
    private String generateSection;

    ResultsTable(BenchOptions options) {
        this.options = options;
    }

    void machine(List<String> lines) {
        machine.addAll(lines);
    }

    void write(List<WriteCost.Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add("## 1. Server CPU per write");
        lines.add("");
        lines.add("µs of CPU the servers spent per write (coordinator and workers: each postmaster and its exited backends), "
                + options.clients() + " clients, single-row statements, " + options.shards() + " shards; " + options.rounds()
                + " interleaved rounds of " + options.writes() + " INSERTs + " + options.writes() + " UPDATEs per configuration:"
                + " median (min–max over rounds). Ratio: no trigger's CPU per write (on a table of the same shape) ÷ this"
                + " configuration's, in the same round (1 costs nothing, 0.5 doubles the cost). Writes/s (median) is secondary: on shared cores it swings with"
                + " whatever else runs.");
        lines.add("");
        lines.add("| configuration | INSERT µs | INSERT ratio | UPDATE µs | UPDATE ratio | INSERT/s | UPDATE/s | history rows |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---|");
        java.util.Map<String, WriteCost.Result> byTable = new java.util.HashMap<>();
        results.forEach(r -> byTable.put(r.configuration().table(), r));
        WriteCost.Result noTrigger = byTable.get(WriteCost.NO_TRIGGER);
        for (WriteCost.Result r : results) {
            WriteCost.Result baseline = byTable.get(r.configuration().baseline());
            StringBuilder row = new StringBuilder("| " + r.configuration().label());
            for (WriteClients.Kind kind : WriteClients.Kind.values()) {
                row.append(" | ").append(r.cpuMicros(kind).spread("%.0f")).append(" | ")
                        .append(r.cpuRatios(baseline, kind).spread("%.2f"));
            }
            for (WriteClients.Kind kind : WriteClients.Kind.values()) {
                row.append(" | ").append(Stats.format("%.0f", r.perSecond(kind).median()));
            }
            lines.add(row + " | " + r.historyCheck() + " |");
            if (r.configuration().table().equals("w_native")) {
                double insert = r.cpuRatios(noTrigger, WriteClients.Kind.INSERT).median();
                double update = r.cpuRatios(noTrigger, WriteClients.Kind.UPDATE).median();
                target("default (native) mode: server CPU per write ratio to no trigger ≥ 0.86 INSERT, ≥ 0.89 UPDATE",
                        "INSERT " + Stats.format("%.2f", insert) + ", UPDATE " + Stats.format("%.2f", update),
                        insert >= 0.86 && update >= 0.89);
            }
        }
        WriteCost.Result anchor = byTable.get("w_anchor");
        WriteCost.Result placement = byTable.get("w_placement");
        if (anchor != null && placement != null) {
            // Round by round, as every ratio: the anchor's CPU per write ÷ placement's.
            Stats insert = placement.cpuRatios(anchor, WriteClients.Kind.INSERT);
            Stats update = placement.cpuRatios(anchor, WriteClients.Kind.UPDATE);
            target("placement mode within 2 % of the hand-written per-shard anchor (anchor's CPU per write ÷ placement's ≥ 0.98)",
                    "INSERT " + insert.spread("%.3f") + ", UPDATE " + update.spread("%.3f"),
                    insert.median() >= 0.98 && update.median() >= 0.98);
        }
        WriteCost.Result nativeMode = byTable.get("w_native");
        if (anchor != null && nativeMode != null) {
            // Native at the anchor's cost level or below: the anchor's CPU per write ÷ native's, round by round.
            Stats insert = nativeMode.cpuRatios(anchor, WriteClients.Kind.INSERT);
            Stats update = nativeMode.cpuRatios(anchor, WriteClients.Kind.UPDATE);
            target("native mode costs no more than the hand-written per-shard anchor (anchor's CPU per write ÷ native's ≥ 1)",
                    "INSERT " + insert.spread("%.3f") + ", UPDATE " + update.spread("%.3f"),
                    insert.median() >= 1 && update.median() >= 1);
        }
        sections.add(String.join("\n", lines));
    }

    /** A section measured elsewhere, already in Markdown. */
    void section(List<String> lines) {
        sections.add(String.join("\n", lines));
    }

    void apply(List<ApplyTiming.Result> results, ApplyTiming.Scenario reference) {
        List<String> lines = new ArrayList<>();
        lines.add("## 2. Apply time");
        lines.add("");
        lines.add("Seconds, one run each, on identical fresh tables. *plugin t+f*: the plugin's trigger function and trigger"
                + " statements alone (the scripts' work); *plugin apply*: the whole `apply` (idempotent table steps, as-of"
                + " functions, the check of every placement). *recipe*: one `run_command_on_colocated_placements` per table;"
                + " *bare native*: one function and one `CREATE TRIGGER` per table.");
        lines.add("");
        lines.add("| tables × shards | plugin apply | plugin t+f | function | trigger | probe | recipe | bare native "
                + "| t+f ÷ bare native | recipe ÷ t+f | t+f ms per table×shard | recipe ms per table×shard |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ApplyTiming.Result r : results) {
            int placements = r.scenario().placements();
            lines.add("| " + r.scenario().tables() + " × " + r.scenario().shards() + " | " + Stats.seconds(r.pluginNanos()) + " | "
                    + Stats.seconds(r.pluginTriggerNanos()) + " | " + Stats.seconds(r.pluginFunctionNanos()) + " | "
                    + Stats.seconds(r.pluginTriggerStepNanos()) + " | " + Stats.seconds(r.probeNanos()) + " | "
                    + Stats.seconds(r.recipeNanos()) + " | "
                    + Stats.seconds(r.bareNativeNanos()) + " | " + ratio(r.pluginTriggerNanos(), r.bareNativeNanos()) + " | "
                    + ratio(r.recipeNanos(), r.pluginTriggerNanos()) + " | "
                    + Stats.format("%.2f", r.pluginTriggerNanos() / 1e6 / placements) + " | "
                    + Stats.format("%.2f", r.recipeNanos() / 1e6 / placements) + " |");
        }
        lines.add("");
        lines.add("*function*: the plugin's trigger function statements; *trigger*: its trigger statements; *probe*: what"
                + " asking every placement for a placement-mode trigger to remove would cost (one `run_command_on_placements`"
                + " per table, run on its own): the trigger step asks it only when placement-mode functions exist (after a"
                + " switch from placement mode), so it is not part of *trigger* here.");
        lines.add("");
        lines.add("Growth (how many times longer the largest scenario takes than the smallest, against how many times more"
                + " tables × shards it has):");
        lines.add("");
        lines.add(growth("tables at 32 shards", results.stream().filter(r -> r.scenario().shards() == 32).toList()));
        lines.add(growth("shards at " + options.shardScaleTables() + " tables",
                results.stream().filter(r -> r.scenario().tables() == options.shardScaleTables()).toList()));
        sections.add(String.join("\n", lines));

        results.stream().filter(r -> r.scenario().equals(reference)).findFirst().ifPresent(r -> {
            String at = " (" + reference.tables() + " × " + reference.shards() + ")";
            target("apply's trigger and function work within 3× bare native CREATE TRIGGER" + at,
                    ratio(r.pluginTriggerNanos(), r.bareNativeNanos()) + "× (" + Stats.seconds(r.pluginTriggerNanos()) + " s vs "
                            + Stats.seconds(r.bareNativeNanos()) + " s)",
                    r.pluginTriggerNanos() <= 3 * r.bareNativeNanos());
            target("apply's trigger and function work ≥ 10× faster than the recipe" + at,
                    ratio(r.recipeNanos(), r.pluginTriggerNanos()) + "× (" + Stats.seconds(r.recipeNanos()) + " s vs "
                            + Stats.seconds(r.pluginTriggerNanos()) + " s)",
                    r.recipeNanos() >= 10 * r.pluginTriggerNanos());
        });
        List<ApplyTiming.Result> byTables = results.stream().filter(r -> r.scenario().shards() == 32).toList();
        List<ApplyTiming.Result> byShards = results.stream().filter(r -> r.scenario().tables() == options.shardScaleTables()).toList();
        if (byTables.size() > 1 && byShards.size() > 1) {
            target("apply linear in tables × shards (grows no faster than tables × shards)",
                    growthFactor(byTables) + "; " + growthFactor(byShards),
                    growthRatio(byTables) <= 1.25 && growthRatio(byShards) <= 1.25);
        }
    }

    void verify(ApplyTiming.VerifyResult v) {
        if (v == null) {
            return;
        }
        String at = v.scenario().tables() + " × " + v.scenario().shards();
        sections.add("## Verify time\n\n`verify` of the plugin's " + at + " tables (" + v.checks() + " checks, all passed): first run "
                + Stats.seconds(v.firstNanos()) + " s, second run " + Stats.seconds(v.secondNanos()) + " s. `apply` again on the same"
                + " tables (nothing to change): " + Stats.seconds(v.reapplyNanos()) + " s.\n\nWhere verify's first run spends its"
                + " time (seconds per check, summed over the tables): " + v.millisPerCheck().entrySet().stream()
                        .map(e -> e.getKey() + " " + Stats.format("%.2f", e.getValue() / 1000.0))
                        .collect(java.util.stream.Collectors.joining(", "))
                + ".\n\nAsking the placements of " + v.placementQueries().tables() + " tables whether they have an audit trigger:"
                + " one `run_command_on_placements` per table (a command per placement) "
                + Stats.seconds(v.placementQueries().perPlacementNanos()) + " s; one"
                + " `run_command_on_workers` per table (a command per node, all of the table's shards at once) "
                + Stats.seconds(v.placementQueries().perNodeNanos()) + " s. Apply's check and verify's trigger check ask"
                + " one `run_command_on_workers` for all tables at once.");
        target("verify of " + at + " under 3 s", Stats.seconds(v.firstNanos()) + " s (second run " + Stats.seconds(v.secondNanos()) + " s)",
                v.firstNanos() < 3_000_000_000L);
    }

    void generate(GenerateTiming.Result g) {
        generateSection = ("## 3. Generate time\n\n`generate` of a " + g.tables() + "-table spec in process (no Maven start-up, no database;"
                + " install.sql is " + g.installBytes() / 1024 + " KiB): first run " + Stats.seconds(g.firstNanos())
                + " s (class loading and template parsing included), warm runs median " + Stats.format("%.3f", g.warmSeconds().median())
                + " s (" + Stats.format("%.3f", g.warmSeconds().min()) + "–" + Stats.format("%.3f", g.warmSeconds().max()) + ")."
                + " CPU time of the thread that ran them (what they needed, without waiting for a core): first run "
                + Stats.seconds(g.firstCpuNanos()) + " s, warm median " + Stats.format("%.3f", g.warmCpuSeconds().median()) + " s."
                + " Heap at the first run's peak: " + HeapPeak.mebibytes(g.heapBytes()) + " MiB above what was in use before it.");
        target("generate of " + g.tables() + " tables ≤ 5 s", Stats.seconds(g.firstNanos()) + " s first run (CPU "
                + Stats.seconds(g.firstCpuNanos()) + " s), " + Stats.format("%.3f", g.warmSeconds().median()) + " s warm (CPU "
                + Stats.format("%.3f", g.warmCpuSeconds().median()) + " s); heap peak " + HeapPeak.mebibytes(g.heapBytes()) + " MiB",
                g.firstNanos() <= 5_000_000_000L);
    }

    void scale(ScaleTiming.Result result) {
        Path plot = ScalePlot.write(options.output(), result, "one run per point; " + "load average " + Machine.loadAverage());
        List<String> lines = new ArrayList<>();
        lines.add("## 4. Scale");
        lines.add("");
        lines.add("Seconds for the first N of " + result.largest().tables() + " tables × " + result.shards() + " shards, "
                + (result.reused() ? "left by an earlier run (bench.scaleKeep)" : "made once (in " + Stats.seconds(result.setupNanos())
                        + " s, untimed)") + " and reused for every N and every goal; one run each."
                + " *bare native*: one function and one `CREATE TRIGGER` per table; *apply*: the plugin's whole apply (heap: its peak"
                + " above what was in use before); *t+f*: its trigger function and trigger statements alone; *verify*: every check;"
                + " *again*: apply with nothing to change; *generate*: in process, no database. Plot: `" + plot.getFileName() + "`.");
        lines.add("");
        lines.add("| tables | placements | bare native | apply | t+f | apply ÷ bare native | apply heap MiB | verify | checks | again"
                + " | generate | apply ms per table |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ScaleTiming.Point p : result.points()) {
            lines.add("| " + p.tables() + " | " + p.tables() * result.shards() + " | " + Stats.seconds(p.bareNativeNanos()) + " | "
                    + Stats.seconds(p.applyNanos()) + " | " + Stats.seconds(p.triggerWorkNanos()) + " | "
                    + ratio(p.applyNanos(), p.bareNativeNanos()) + " | " + HeapPeak.mebibytes(p.applyHeapBytes()) + " | "
                    + Stats.seconds(p.verifyNanos()) + " | " + p.verifyChecks() + " | " + Stats.seconds(p.reapplyNanos()) + " | "
                    + Stats.seconds(p.generateNanos()) + " | " + Stats.format("%.1f", p.applyNanos() / 1e6 / p.tables()) + " |");
        }
        ScaleTiming.Point first = result.points().get(0);
        ScaleTiming.Point last = result.largest();
        if (result.points().size() > 1) {
            double size = (double) last.tables() / first.tables();
            lines.add("");
            lines.add("Growth from " + first.tables() + " to " + last.tables() + " tables (" + Stats.format("%.0f", size) + "×): bare native ×"
                    + growth(last.bareNativeNanos(), first.bareNativeNanos()) + ", apply ×" + growth(last.applyNanos(), first.applyNanos())
                    + ", t+f ×" + growth(last.triggerWorkNanos(), first.triggerWorkNanos()) + ", verify ×"
                    + growth(last.verifyNanos(), first.verifyNanos()) + ", apply again ×" + growth(last.reapplyNanos(), first.reapplyNanos())
                    + ", generate ×" + growth(last.generateNanos(), first.generateNanos()) + ".");
        }
        lines.add("");
        lines.add("Where the " + last.tables() + "-table apply spends its time (seconds per step, summed over the tables): "
                + perItem(last.applyMillisPerStep()) + ". Verify (seconds per check): " + perItem(last.verifyMillisPerCheck()) + ".");
        sections.add(String.join("\n", lines));
        String at = " (" + last.tables() + " × " + result.shards() + ")";
        target("apply ≤ 3× a bare native CREATE TRIGGER script" + at, ratio(last.applyNanos(), last.bareNativeNanos()) + "× ("
                + Stats.seconds(last.applyNanos()) + " s vs " + Stats.seconds(last.bareNativeNanos()) + " s; trigger + function work "
                + ratio(last.triggerWorkNanos(), last.bareNativeNanos()) + "×); heap peak " + HeapPeak.mebibytes(last.applyHeapBytes())
                + " MiB", last.applyNanos() <= 3 * last.bareNativeNanos());
        target("verify ≤ 3 s" + at, Stats.seconds(last.verifyNanos()) + " s", last.verifyNanos() <= 3_000_000_000L);
        target("apply with nothing to change ≤ 3 s" + at, Stats.seconds(last.reapplyNanos()) + " s", last.reapplyNanos() <= 3_000_000_000L);
    }

    private static String perItem(java.util.Map<String, Long> millis) {
        return millis.entrySet().stream().map(e -> e.getKey() + " " + Stats.format("%.2f", e.getValue() / 1000.0))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String growth(long large, long small) {
        return Stats.format("%.1f", (double) large / small);
    }

    String markdown(Instant started) {
        List<String> lines = new ArrayList<>();
        lines.add("# citus-audit benchmark results");
        lines.add("");
        lines.add("Run at " + started.truncatedTo(ChronoUnit.SECONDS) + ", took "
                + String.format(Locale.ROOT, "%.1f", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0)
                + " min. Parameters: `" + options.commandLineFlags() + "`.");
        if (!machine.isEmpty()) {
            lines.add("");
            lines.add("## Machine");
            lines.add("");
            machine.forEach(m -> lines.add("- " + m));
        }
        for (String section : sections) {
            lines.add("");
            lines.add(section);
        }
        if (generateSection != null) {
            lines.add("");
            lines.add(generateSection);
        }
        if (!targets.isEmpty()) {
            lines.add("");
            lines.add("## Targets");
            lines.add("");
            lines.add("| target | measured | met |");
            lines.add("|---|---|---|");
            lines.addAll(targets);
        }
        return String.join("\n", lines) + "\n";
    }

    Path writeTo(Path directory, Instant started) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("results.md");
        Files.writeString(file, markdown(started), StandardCharsets.UTF_8);
        return file;
    }

    private void target(String what, String measured, boolean met) {
        targets.add("| " + what + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
    }

    private static String ratio(long a, long b) {
        return Stats.format("%.1f", (double) a / b);
    }

    private static String growth(String label, List<ApplyTiming.Result> results) {
        if (results.size() < 2) {
            return "- " + label + ": one scenario only";
        }
        return "- " + label + ": " + growthFactor(results);
    }

    /** "10→100 placements ×10: plugin t+f ×7.1, recipe ×9.8, bare native ×8.0". */
    private static String growthFactor(List<ApplyTiming.Result> unsorted) {
        List<ApplyTiming.Result> results = bySize(unsorted);
        ApplyTiming.Result small = results.get(0);
        ApplyTiming.Result large = results.get(results.size() - 1);
        double size = (double) large.scenario().placements() / small.scenario().placements();
        return small.scenario().tables() + "×" + small.scenario().shards() + " → " + large.scenario().tables() + "×"
                + large.scenario().shards() + " is " + Stats.format("%.0f", size) + "× the placements: plugin t+f ×"
                + Stats.format("%.1f", (double) large.pluginTriggerNanos() / small.pluginTriggerNanos()) + ", plugin apply ×"
                + Stats.format("%.1f", (double) large.pluginNanos() / small.pluginNanos()) + ", recipe ×"
                + Stats.format("%.1f", (double) large.recipeNanos() / small.recipeNanos()) + ", bare native ×"
                + Stats.format("%.1f", (double) large.bareNativeNanos() / small.bareNativeNanos());
    }

    private static List<ApplyTiming.Result> bySize(List<ApplyTiming.Result> results) {
        return results.stream().sorted(java.util.Comparator.comparingInt(r -> r.scenario().placements())).toList();
    }

    /** Growth of the plugin's trigger work over growth of the placements: ≤ 1 is linear or better. */
    private static double growthRatio(List<ApplyTiming.Result> unsorted) {
        List<ApplyTiming.Result> results = bySize(unsorted);
        ApplyTiming.Result small = results.get(0);
        ApplyTiming.Result large = results.get(results.size() - 1);
        double size = (double) large.scenario().placements() / small.scenario().placements();
        return ((double) large.pluginTriggerNanos() / small.pluginTriggerNanos()) / size;
    }
}
