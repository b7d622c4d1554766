package io.github.citusaudit.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.citusaudit.report.Console;

/** A console that keeps every line (info and warn; debug too, marked) and echoes them, for tests that read what a goal said. */
public final class RecordingConsole implements Console {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
        System.out.println(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARNING: " + line);
        System.out.println("WARNING: " + line);
    }

    @Override
    public void debug(String line) {
        lines.add("DEBUG: " + line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines (info and warn) that contain the text. */
    public List<String> containing(String text) {
        return lines.stream().filter(l -> !l.startsWith("DEBUG: ") && l.contains(text)).toList();
    }
}
