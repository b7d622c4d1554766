package io.github.citusaudit.report;

/** Where the core writes what it is doing; the Maven layer maps it onto its log. */
public interface Console {

    void info(String line);

    void warn(String line);

    void debug(String line);

    /** Writes to standard output and error; for tests and command-line use. */
    static Console system() {
        return new Console() {
            @Override
            public void info(String line) {
                System.out.println(line);
            }

            @Override
            public void warn(String line) {
                System.err.println("WARNING: " + line);
            }

            @Override
            public void debug(String line) {
            }
        };
    }
}
