package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The templates are data a reviewer reads: short lines, and no logic that belongs in TableView or InstallPlan. */
class TemplateTextTest {

    private static final int MAX_LINE = 120;

    @Test
    void noTemplateLineIsLongerThan120Characters() throws IOException {
        List<String> tooLong = new ArrayList<>();
        forEachLine((where, line) -> {
            if (line.codePointCount(0, line.length()) > MAX_LINE) {
                tooLong.add(where + " (" + line.length() + ")");
            }
        });
        assertEquals(List.of(), tooLong);
    }

    @Test
    void templatesBuildNoListsAndTestNoEnumNames() throws IOException {
        List<String> logic = new ArrayList<>();
        forEachLine((where, line) -> {
            if (line.startsWith("##")) {
                return;
            }
            if (line.contains(".add(") || line.contains(".addAll(") || line.contains("name() ==")) {
                logic.add(where + ": " + line.strip());
            }
        });
        assertEquals(List.of(), logic);
    }

    private interface LineCheck {
        void check(String where, String line);
    }

    private static void forEachLine(LineCheck check) throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            templates = files.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path template : templates) {
            List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                check.check(template + ":" + (i + 1), lines.get(i));
            }
        }
    }
}
