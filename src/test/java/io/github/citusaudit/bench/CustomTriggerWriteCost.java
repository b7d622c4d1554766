package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.render.TriggerMode;

/**
 * The write cost of a custom trigger, the seed's embiggen: each INSERT into a "little" table writes
 * (tenant, id, n * 2) into a colocated "big" table. Three tables of the same shape, interleaved
 * round after round as in {@link WriteCost}: no trigger; the plugin's custom trigger (a static
 * branch per shard pair, native trigger); the seed's recipe made to work (one function created on
 * the coordinator, {@code EXECUTE format('INSERT INTO %s ...', TG_ARGV[0]) USING NEW} per row, a
 * trigger per placement pair through {@code run_command_on_colocated_placements}, the big shard's
 * name passed as a literal). INSERT phases only: the trigger fires on INSERT.
 */
final class CustomTriggerWriteCost {

    static final String SCHEMA = "bench_embiggen";
    private static final String BODY = "INSERT INTO %s (tenant, id, n) VALUES (NEW.tenant, NEW.id, NEW.n * 2)";

    /** One configuration: its little table, and its big table (null without a trigger). */
    record Configuration(String little, String big, String label) {
    }

    static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("e_none", null, "no trigger"),
            new Configuration("e_plugin", "e_plugin_big", "plugin custom trigger (static branch per shard pair)"),
            new Configuration("e_recipe", "e_recipe_big", "seed's recipe: EXECUTE format per row, trigger per placement"),
            new Configuration("e_invoker", "e_invoker_big", "variant: plugin's function without SECURITY DEFINER and pinned search_path"));

    /** µs of server CPU per INSERT, per round; and the big table's rows against the INSERTs made. */
    record Result(Configuration configuration, List<Double> cpuMicros, List<Double> perSecond, String bigRowsCheck) {

        Stats ratios(Result noTrigger) {
            return Stats.of(IntStream.range(0, cpuMicros.size()).mapToObj(r -> noTrigger.cpuMicros().get(r) / cpuMicros.get(r)).toList());
        }
    }

    private final BenchDatabase db;
    private final BenchOptions options;

    CustomTriggerWriteCost(BenchDatabase db, BenchOptions options) {
        this.db = db;
        this.options = options;
    }

    List<Result> run() throws Exception {
        prepare();
        ServerCpu cpu = ServerCpu.of(db);
        Map<Configuration, List<double[]>> rounds = new LinkedHashMap<>();
        Map<Configuration, Long> inserts = new LinkedHashMap<>();
        try (WriteClients clients = new WriteClients(db, options.clients())) {
            for (Configuration configuration : CONFIGURATIONS) {
                rounds.put(configuration, new ArrayList<>());
                int warmUp = options.writes() / 8;
                clients.run(target(configuration), WriteClients.Kind.INSERT, warmUp);
                inserts.put(configuration, (long) warmUp);
            }
            for (int round = 0; round < options.rounds(); round++) {
                for (int i = 0; i < CONFIGURATIONS.size(); i++) {
                    Configuration configuration = CONFIGURATIONS.get((i + round) % CONFIGURATIONS.size());
                    long before = cpu.quietMicros(List.of());
                    WriteClients.Phase phase = clients.run(target(configuration), WriteClients.Kind.INSERT, options.writes());
                    long after = cpu.quietMicros(phase.backends());
                    double micros = (double) (after - before) / phase.writes();
                    rounds.get(configuration).add(new double[] {micros, phase.perSecond()});
                    inserts.merge(configuration, phase.writes(), Long::sum);
                    System.out.println(String.format("  round %d  %-60.60s INSERT %5.0f µs %6.0f/s", round + 1, configuration.label(),
                            micros, phase.perSecond()));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Configuration configuration : CONFIGURATIONS) {
            results.add(new Result(configuration, rounds.get(configuration).stream().map(r -> r[0]).toList(),
                    rounds.get(configuration).stream().map(r -> r[1]).toList(), bigRowsCheck(configuration, inserts.get(configuration))));
        }
        return results;
    }

    /** The results as a Markdown section. */
    static List<String> markdown(List<Result> results, BenchOptions options) {
        List<String> lines = new ArrayList<>();
        lines.add("## Custom trigger: the seed's embiggen");
        lines.add("");
        lines.add("µs of server CPU per single-row INSERT (all nodes), " + options.clients() + " clients, " + options.shards()
                + " shards, " + options.rounds() + " interleaved rounds of " + options.writes() + " INSERTs: median (min–max)."
                + " Ratio: no trigger's CPU per INSERT ÷ this one's, in the same round.");
        lines.add("");
        lines.add("| configuration | INSERT µs | ratio | INSERT/s | big rows |");
        lines.add("|---|---:|---:|---:|---|");
        Result none = results.get(0);
        for (Result r : results) {
            lines.add("| " + r.configuration().label() + " | " + Stats.of(r.cpuMicros()).spread("%.0f") + " | "
                    + r.ratios(none).spread("%.2f") + " | " + Stats.format("%.0f", Stats.of(r.perSecond()).median()) + " | "
                    + r.bigRowsCheck() + " |");
        }
        return lines;
    }

    private void prepare() throws SQLException {
        db.dropSchemas(SCHEMA);
        db.execute("CREATE SCHEMA " + SCHEMA);
        String first = null;
        for (Configuration configuration : CONFIGURATIONS) {
            String little = Sql.table(SCHEMA, configuration.little());
            db.execute("CREATE TABLE " + little + " (id bigint NOT NULL, tenant bigint NOT NULL, payload text, n integer NOT NULL,"
                    + " PRIMARY KEY (tenant, id))", distribute(little, first));
            first = first == null ? little : first;
            if (configuration.big() != null) {
                String big = Sql.table(SCHEMA, configuration.big());
                db.execute("CREATE TABLE " + big + " (tenant bigint NOT NULL, id bigint NOT NULL, n integer)", distribute(big, first));
            }
        }
        for (String table : CONFIGURATIONS.stream().map(Configuration::little).toList()) {
            db.execute("ALTER TABLE " + Sql.table(SCHEMA, table) + " SET (autovacuum_enabled = off)");
        }
        new ApplyCommand(BenchDatabase.QUIET).run(new Requests.Apply(pluginSpec().toFile(), null, db.settings(), TriggerMode.NATIVE,
                false, null));
        recipe();
        // Where the plugin's cost goes: the same function run with the writer's rights and search_path.
        db.execute("ALTER FUNCTION " + SCHEMA + ".embiggen_invoker() SECURITY INVOKER", "ALTER FUNCTION " + SCHEMA
                + ".embiggen_invoker() RESET search_path");
    }

    private String distribute(String table, String colocateWith) {
        return "SELECT create_distributed_table('" + table + "', 'tenant', " + (colocateWith == null
                ? "shard_count => " + options.shards() + ", colocate_with => 'none'" : "colocate_with => '" + colocateWith + "'") + ")";
    }

    private Path pluginSpec() {
        List<String> yaml = new ArrayList<>(List.of("schema: " + SCHEMA, "triggers:"));
        for (String table : List.of("e_plugin", "e_invoker")) {
            yaml.addAll(List.of("  - name: embiggen" + table.substring(1), "    table: " + table, "    distributionColumn: tenant",
                    "    events: [insert]", "    targets:", "      big: " + table + "_big", "    body: |",
                    "      " + BODY.formatted("{{big}}") + ";"));
        }
        try {
            Path directory = options.output().resolve("specs");
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve("embiggen.yaml"), String.join("\n", yaml) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed's recipe as it works: the function from the coordinator, the big shard's name as a literal. */
    private void recipe() throws SQLException {
        db.execute("CREATE FUNCTION " + SCHEMA + ".embiggen_recipe() RETURNS trigger LANGUAGE plpgsql AS $f$\nBEGIN\n"
                + "  IF (TG_OP = 'INSERT') THEN\n"
                + "    EXECUTE format('INSERT INTO %s (tenant, id, n) SELECT ($1).tenant, ($1).id, ($1).n * 2', TG_ARGV[0]) USING NEW;\n"
                + "  END IF;\n  RETURN NULL;\nEND\n$f$");
        String failed = db.single("SELECT count(*) FILTER (WHERE NOT success) || ' of ' || count(*) || ': '"
                + " || coalesce(string_agg(result, '; ') FILTER (WHERE NOT success), '')"
                + " FROM run_command_on_colocated_placements('" + SCHEMA + ".e_recipe', '" + SCHEMA + ".e_recipe_big',"
                + " $c$CREATE TRIGGER embiggen AFTER INSERT ON %s FOR EACH ROW EXECUTE PROCEDURE " + SCHEMA
                + ".embiggen_recipe(%L)$c$)");
        if (!failed.startsWith("0 of ")) {
            throw new IllegalStateException("the recipe's triggers failed on " + failed);
        }
    }

    private static WriteClients.Target target(Configuration configuration) {
        return new WriteClients.Target(Sql.table(SCHEMA, configuration.little()), null);
    }

    /** Each INSERT must have left exactly one big row, else a figure would lie. */
    private String bigRowsCheck(Configuration configuration, long inserts) throws SQLException {
        if (configuration.big() == null) {
            return "n/a";
        }
        long rows = Long.parseLong(db.single("SELECT count(*) FROM " + Sql.table(SCHEMA, configuration.big())));
        if (rows != inserts) {
            throw new IllegalStateException(configuration.label() + ": " + inserts + " INSERTs left " + rows + " big rows");
        }
        return rows + " = INSERTs";
    }
}
