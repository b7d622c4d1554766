package io.github.citusaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rooms of the code and their one direction: each package may use only those before it in
 * {@link #ROOMS}, so there are no cycles, and nothing below {@code mojo} knows Maven.
 */
class RoomsTest {

    /** Lowest first: the spec knows nothing else; the mojos may use everything. */
    static final List<String> ROOMS = List.of("spec", "render", "report", "db", "catalog", "checks", "trial", "core", "mojo");

    private static final Path MAIN = Path.of("src/main/java/io/github/citusaudit");
    private static final Pattern PROJECT_IMPORT = Pattern.compile("^import (?:static )?io\\.github\\.citusaudit\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern MAVEN_IMPORT = Pattern.compile("^import (?:static )?(?:org\\.apache\\.maven|org\\.eclipse\\.aether)\\.",
            Pattern.MULTILINE);
    /** The throwaway servers' libraries, which the plugin does not depend on (trial resolves them). */
    private static final Pattern SERVER_LIBRARY_IMPORT = Pattern.compile("^import (?:static )?(?:io\\.zonky|org\\.testcontainers)\\.",
            Pattern.MULTILINE);
    /** The classes that link to them, each loaded through its library's own class loader (trial.ServerLibraries). */
    private static final List<String> SERVER_CLASSES = List.of("trial/ThrowawayPostgres.java", "trial/CitusContainers.java");

    @Test
    void everyPackageIsARoom() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            assertEquals(new TreeSet<>(ROOMS), new TreeSet<>(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void roomsUseOnlyTheRoomsBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String room : ROOMS) {
            for (Path file : sources(room)) {
                Matcher imported = PROJECT_IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    String used = imported.group(1);
                    if (ROOMS.indexOf(used) > ROOMS.indexOf(room)) {
                        violations.add(MAIN.relativize(file) + " uses " + used + ", a room above " + room);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void onlyTheMojosKnowMaven() throws IOException {
        List<String> violations = new ArrayList<>();
        int mojoImports = 0;
        for (String room : ROOMS) {
            for (Path file : sources(room)) {
                boolean maven = MAVEN_IMPORT.matcher(Files.readString(file)).find();
                if (maven && !room.equals("mojo")) {
                    violations.add(MAIN.relativize(file).toString());
                }
                mojoImports += maven ? 1 : 0;
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(mojoImports > 0, "the mojos import Maven's API: the pattern must find them");
    }

    /**
     * Only the server classes link to the throwaway servers' libraries: any other class that did
     * would fail to load in the plugin, whose class path does not have them.
     */
    @Test
    void onlyTheServerClassesUseTheThrowawayServersLibraries() throws IOException {
        List<String> users = new ArrayList<>();
        for (String room : ROOMS) {
            for (Path file : sources(room)) {
                if (SERVER_LIBRARY_IMPORT.matcher(Files.readString(file)).find()) {
                    users.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertEquals(new TreeSet<>(SERVER_CLASSES), new TreeSet<>(users));
    }

    private static List<Path> sources(String room) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(room))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
