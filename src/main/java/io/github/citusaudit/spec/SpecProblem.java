package io.github.citusaudit.spec;

/** One thing wrong with a spec, located so that an editor can jump to it. */
public record SpecProblem(SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
