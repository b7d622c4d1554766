package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.report.Console;

/**
 * The corpus of bad specs in src/test/resources/bad-specs: each is refused with exactly the located
 * lines expected.txt gives for it, and apply refuses it before connecting anywhere.
 */
class BadSpecCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/bad-specs");
    /** Nothing listens on port 1: had apply tried to connect, it would fail with a ConnectionException. */
    private static final ConnectionSettings NOWHERE = new ConnectionSettings("jdbc:postgresql://127.0.0.1:1/none", "u", "p");

    @Test
    void theCorpusHasAtLeastThirtySpecsAndEachHasItsExpectation() throws IOException {
        Map<String, List<String>> expected = expected();
        List<String> specs = specs().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(specs.size() >= 30, "corpus has " + specs.size() + " specs");
        assertEquals(specs.stream().sorted().toList(), expected.keySet().stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> eachBadSpecGivesItsLocatedErrorAndNoConnection() throws IOException {
        Map<String, List<String>> expected = expected();
        return specs().stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            SpecException e = assertThrows(SpecException.class, () -> new SpecReader().read(spec));
            List<String> lines = e.problems().stream().map(p -> p.toString().substring(spec.toString().length() + 1)).toList();
            assertEquals(expected.get(spec.getFileName().toString()), lines);
            assertThrows(SpecException.class, () -> new ApplyCommand(Console.system())
                    .run(new Requests.Apply(spec.toFile(), null, NOWHERE, null, false, null)));
        }));
    }

    private static List<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Map<String, List<String>> expected() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            expected.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
        }
        return expected;
    }
}
