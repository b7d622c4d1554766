package io.github.citusaudit.spec;

/** A place in a spec file, printed the way compilers and IDEs link to it: {@code file:line:column}. */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
