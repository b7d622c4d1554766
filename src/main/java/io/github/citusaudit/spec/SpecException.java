package io.github.citusaudit.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The spec is not valid. Thrown before any connection is opened or file written; every problem is
 * one line starting with {@code file:line:column}.
 */
public final class SpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
