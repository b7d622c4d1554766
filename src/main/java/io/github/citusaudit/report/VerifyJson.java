package io.github.citusaudit.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A verify report as JSON, for tools that read the outcome of a pre-deploy check. Hand-written so the
 * plugin needs no JSON library: keys in a fixed order, two-space indents, a final newline.
 */
public final class VerifyJson {

    private VerifyJson() {
    }

    public static String of(VerifyReport report) {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"server\": ").append(string(report.server())).append(",\n");
        out.append("  \"passed\": ").append(report.passed()).append(",\n");
        List<CheckResult> results = report.results();
        if (results.isEmpty()) {
            out.append("  \"checks\": []\n");
        } else {
            out.append("  \"checks\": [\n");
            for (int i = 0; i < results.size(); i++) {
                check(out, results.get(i));
                out.append(i < results.size() - 1 ? ",\n" : "\n");
            }
            out.append("  ]\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** Writes {@link #of} as UTF-8, creating the parent directories. */
    public static void write(VerifyReport report, Path file) {
        ReportFiles.write(file, of(report));
    }

    private static void check(StringBuilder out, CheckResult result) {
        out.append("    {\n");
        out.append("      \"table\": ").append(string(result.table())).append(",\n");
        out.append("      \"check\": ").append(string(result.check())).append(",\n");
        out.append("      \"passed\": ").append(result.passed()).append(",\n");
        out.append("      \"millis\": ").append(result.millis()).append(",\n");
        List<Finding> findings = result.findings();
        if (findings.isEmpty()) {
            out.append("      \"findings\": []\n");
        } else {
            out.append("      \"findings\": [\n");
            for (int i = 0; i < findings.size(); i++) {
                Finding finding = findings.get(i);
                out.append("        {\n");
                out.append("          \"where\": ").append(string(finding.where())).append(",\n");
                out.append("          \"message\": ").append(string(finding.message())).append('\n');
                out.append("        }").append(i < findings.size() - 1 ? ",\n" : "\n");
            }
            out.append("      ]\n");
        }
        out.append("    }");
    }

    /** A JSON string literal, or {@code null}. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
                    // Control characters must be escaped; DEL and the JavaScript line separators are, to be safe to
                    // embed; a lone surrogate is, because it has no UTF-8 encoding.
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
