package io.github.citusaudit.render;

/**
 * One rendered SQL statement, without its terminating semicolon. It runs on the coordinator (or the
 * only server, without Citus); Citus propagates what needs propagating.
 *
 * @param subject what it is about, e.g. {@code shard6.account}, for progress lines and reports
 * @param step what it does, e.g. {@code trigger function}
 * @param template the template it came from, so that a failure can be traced to an override
 */
public record RenderedStatement(String subject, String step, String template, String sql) {

    public String title() {
        return subject + ": " + step;
    }
}
