/**
 * What the goals report, independent of where it goes: console lines, log tables, what each apply
 * step did (catalog facts before and after it, put into words), the dry run's review file, info's
 * table, per-placement and verify results, verify.json and JUnit XML. Uses {@code render} (the statements that ran).
 */
package io.github.citusaudit.report;
