package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.TextTable;
import io.github.citusaudit.trial.CitusContainers;
import io.github.citusaudit.trial.LocalCitus;
import io.github.citusaudit.trial.ServerLibraries;
import io.github.citusaudit.trial.Throwaway;

class TrialCommandTest {

    @Test
    void theSeedTrialShowsOneHistoryRowPerChange() {
        List<String> log = new ArrayList<>();
        Map<String, TextTable> histories = new TrialCommand(recording(log))
                .run(new Requests.Trial(new File("src/examples/seed/citus-audit.yaml"), null, Throwaway.Kind.POSTGRES));
        List<String> lines = histories.get("shard6.account").lines();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("account_hist_id | operation | replaced"), lines.get(0));
        List<List<String>> rows = lines.subList(2, 5).stream().map(l -> List.of(l.split("\\s*\\|\\s*"))).toList();
        assertEquals(List.of("INSERT", "UPDATE", "DELETE"), rows.stream().map(r -> r.get(1)).toList());
        assertEquals(List.of("1", "2", "3"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("postgres", "postgres", "postgres"), rows.stream().map(r -> r.get(3)).toList());
        // account_name: the UPDATE records the version it replaced, the DELETE the updated one
        assertEquals(List.of("sample 1", "sample 1", "sample 2"), rows.stream().map(r -> r.get(8)).toList());
        assertTrue(log.contains("Trial passed: 1 table(s) audited, 4 verify checks passed; the throwaway database is removed."),
                String.join("\n", log));
    }

    /** An UPDATE that keeps both versions leaves two rows, and the trial counts them (it used to expect one). */
    @Test
    void aTrialOfHistoriesKeepingBothVersionsOfAnUpdatePasses() {
        List<String> log = new ArrayList<>();
        Map<String, TextTable> histories = new TrialCommand(recording(log))
                .run(new Requests.Trial(new File("src/test/resources/specs/images.yaml"), null, Throwaway.Kind.POSTGRES));
        assertEquals(2 + 4, histories.get("images.both_acct").lines().size(), "header, rule, INSERT, UPDATE old and new, DELETE");
        assertEquals(2 + 3, histories.get("images.new_acct").lines().size(), "header, rule, INSERT, UPDATE, DELETE");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Trial passed: 2 table(s) audited")), String.join("\n", log));
    }

    /** Tier 2: the throwaway verify on a Citus cluster started for it, when a local Citus or Docker is there. */
    @Test
    void theSeedTrialOnAThrowawayCitusCluster() {
        assumeACitusClusterCanStart();
        List<String> log = new ArrayList<>();
        Map<String, TextTable> histories = new TrialCommand(recording(log))
                .run(new Requests.Trial(new File("src/test/resources/specs/little-big-history.yaml"), null, Throwaway.Kind.CITUS,
                        ServerLibraries.CLASS_PATH, null, System.getenv("CITUS_TEST_IMAGE")));
        assertEquals(2, histories.size());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Started a throwaway Citus cluster")), String.join("\n", log));
        assertTrue(log.contains("Trial passed: 2 table(s) audited, 12 verify checks passed; the throwaway database is removed."),
                String.join("\n", log));
    }

    /** Tier 2: the seed's embiggen tried on a throwaway Citus cluster, its tables made by the example's setup script. */
    @Test
    void theEmbiggenTrialShowsBigValsAfterEachChange() {
        assumeACitusClusterCanStart();
        List<String> log = new ArrayList<>();
        new TrialCommand(recording(log)).run(new Requests.Trial(new File("src/examples/little-big/citus-audit.yaml"), null,
                Throwaway.Kind.CITUS, ServerLibraries.CLASS_PATH, new File("src/examples/little-big/tables.sql"),
                System.getenv("CITUS_TEST_IMAGE")));
        int afterInsert = log.indexOf("Rows of shard7.big_vals after one INSERT on shard7.little_vals (trigger embiggen):");
        assertTrue(afterInsert >= 0, String.join("\n", log));
        assertEquals("1   | 2", log.get(afterInsert + 3).strip(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Trial passed: 0 table(s) audited, 1 custom trigger(s), 4 verify"
                + " checks passed")), String.join("\n", log));
    }

    @Test
    void customTriggersNeedASetupScriptForTheirTables() {
        UsageException e = assertThrows(UsageException.class, () -> new TrialCommand(recording(new ArrayList<>()))
                .run(new Requests.Trial(new File("src/examples/little-big/citus-audit.yaml"), null, Throwaway.Kind.POSTGRES)));
        assertTrue(e.getMessage().contains("citus-audit.trialSetup"), e.getMessage());
    }

    /** The sample row takes a value a declared partition holds: without one it would have nowhere to land. */
    @Test
    void aPartitionedTableIsTriedInOneOfItsPartitions(@TempDir Path temp) throws IOException {
        Path spec = temp.resolve("partitioned.yaml");
        Files.writeString(spec, """
                schema: s
                tables:
                  - name: reading
                    distribution: { column: sensor }
                    columns: [{ name: sensor, type: int, nullable: false }, { name: day, type: date, nullable: false },
                              { name: value, type: numeric }]
                    partitionBy: { column: day, partitions: [{ name: reading_march, from: '2026-03-01', to: '2026-04-01' }] }
                """);
        List<String> log = new ArrayList<>();
        Map<String, TextTable> histories = new TrialCommand(recording(log))
                .run(new Requests.Trial(spec.toFile(), null, Throwaway.Kind.POSTGRES));
        assertEquals(5, histories.get("s.reading").lines().size(), String.join("\n", histories.get("s.reading").lines()));
        assertTrue(histories.get("s.reading").lines().get(2).contains("2026-03-01"), histories.get("s.reading").lines().get(2));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Trial passed: 1 table(s) audited")), String.join("\n", log));
    }

    @Test
    void existingColumnsCannotBeTried(@TempDir Path temp) throws IOException {
        Path spec = temp.resolve("s.yaml");
        Files.writeString(spec, "schema: s\ntables:\n  - name: t\n    distribution: local\n    columns: existing\n");
        UsageException e = assertThrows(UsageException.class,
                () -> new TrialCommand(recording(new ArrayList<>())).run(new Requests.Trial(spec.toFile(), null, Throwaway.Kind.POSTGRES)));
        assertTrue(e.getMessage().contains("'columns: existing' cannot be tried"), e.getMessage());
    }

    private static void assumeACitusClusterCanStart() {
        List<String> reasons = new ArrayList<>();
        assumeTrue(LocalCitus.findInstallation(reasons).isPresent() || CitusContainers.dockerAvailable(),
                () -> "no Citus cluster can be started: " + String.join("; ", reasons) + "; no Docker engine");
    }

    private static Console recording(List<String> log) {
        return new Console() {
            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void warn(String line) {
                log.add("WARN " + line);
            }

            @Override
            public void debug(String line) {
            }
        };
    }
}
