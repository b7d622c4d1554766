package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects located problems while a spec is read, so that one run reports all of them. */
final class SpecProblems {

    private final String file;
    private final List<SpecProblem> problems = new ArrayList<>();

    SpecProblems(String file) {
        this.file = file;
    }

    void add(Node node, String message) {
        add(node.getStartMark(), message);
    }

    /**
     * A problem at {@code offset} in the text of a scalar: in a block scalar ({@code |}) its line and
     * column in the file, found from the indentation of the scalar's first line; elsewhere the scalar's start.
     */
    void add(Node scalar, int offset, String message) {
        Mark mark = scalar.getStartMark();
        int[] buffer = mark.getBuffer();
        if (buffer == null || mark.getIndex() >= buffer.length || buffer[mark.getIndex()] != '|') {
            add(mark, message);
            return;
        }
        String text = new String(buffer, 0, buffer.length);
        int firstLine = text.indexOf('\n', mark.getIndex()) + 1;
        int indent = 0;
        while (firstLine + indent < text.length() && text.charAt(firstLine + indent) == ' ') {
            indent++;
        }
        String value = scalar instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "";
        String before = value.substring(0, Math.min(offset, value.length()));
        int lines = (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - (before.lastIndexOf('\n') + 1);
        problems.add(new SpecProblem(new SourceLocation(file, mark.getLine() + 2 + lines, indent + column + 1), message));
    }

    void add(Mark mark, String message) {
        SourceLocation location = mark == null
                ? new SourceLocation(file, 1, 1)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        problems.add(new SpecProblem(location, message));
    }

    /** Where a node stands in the file, for problems only the database can tell later. */
    SourceLocation locate(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? new SourceLocation(file, 1, 1) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            List<SpecProblem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt((SpecProblem p) -> p.location().line())
                    .thenComparingInt(p -> p.location().column()));
            throw new SpecException(sorted);
        }
    }
}
