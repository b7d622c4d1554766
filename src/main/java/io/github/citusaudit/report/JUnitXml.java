package io.github.citusaudit.report;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A verify report as JUnit XML in the shape Surefire writes, so that CI servers (Jenkins, GitLab, GitHub)
 * show the pre-deploy checks like test results: one test suite, one test case per table and check, a
 * failure per check with findings. Deterministic apart from the time attributes, which come from the
 * measured milliseconds; no timestamp.
 */
public final class JUnitXml {

    public static final String SUITE = "citus-audit.verify";
    public static final String FAILURE_TYPE = "citus-audit.drift";

    private JUnitXml() {
    }

    public static String of(VerifyReport report) {
        long failures = report.results().stream().filter(r -> !r.passed()).count();
        long millis = report.results().stream().mapToLong(r -> Math.max(0, r.millis())).sum();
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"").append(attribute(SUITE))
                .append("\" tests=\"").append(report.results().size())
                .append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(millis)).append("\">\n");
        out.append("  <properties>\n");
        out.append("    <property name=\"server\" value=\"").append(attribute(report.server())).append("\"/>\n");
        out.append("  </properties>\n");
        for (CheckResult result : report.results()) {
            out.append("  <testcase classname=\"").append(attribute(result.table()))
                    .append("\" name=\"").append(attribute(result.check()))
                    .append("\" time=\"").append(seconds(result.millis())).append('"');
            if (result.passed()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            out.append("    <failure message=\"").append(attribute(line(result.findings().get(0))))
                    .append("\" type=\"").append(attribute(FAILURE_TYPE)).append("\">");
            for (Finding finding : result.findings()) {
                out.append(text(line(finding))).append('\n');
            }
            out.append("</failure>\n");
            out.append("  </testcase>\n");
        }
        out.append("</testsuite>\n");
        return out.toString();
    }

    /** Writes {@link #of} as UTF-8, creating the parent directories. */
    public static void write(VerifyReport report, Path file) {
        ReportFiles.write(file, of(report));
    }

    /** A finding as the build log shows it, {@code where: message}; tolerates nulls. */
    private static String line(Finding finding) {
        String where = finding.where();
        String message = String.valueOf(finding.message());
        return where == null || where.isEmpty() ? message : where + ": " + message;
    }

    /** Seconds with three decimals, as Surefire writes them, whatever the default locale. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(Math.max(0, millis), 3).toPlainString();
    }

    /** Character data: markup escaped, characters XML 1.0 cannot hold dropped. */
    static String text(String value) {
        return escape(value, false);
    }

    /**
     * An attribute value in double quotes: markup and both quotes escaped, and tabs and line breaks as
     * character references, which a parser would otherwise normalise to spaces.
     */
    static String attribute(String value) {
        return escape(value, true);
    }

    private static String escape(String value, boolean attribute) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (legal(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The Char production of XML 1.0; a lone surrogate arrives here as itself and is not legal. */
    private static boolean legal(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
