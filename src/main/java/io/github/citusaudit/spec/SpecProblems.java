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

    void add(Mark mark, String message) {
        SourceLocation location = mark == null
                ? new SourceLocation(file, 1, 1)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        problems.add(new SpecProblem(location, message));
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
