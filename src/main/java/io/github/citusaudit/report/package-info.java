/**
 * What the goals report, independent of where it goes: console lines, log tables, per-placement and
 * verify results, verify.json and JUnit XML. Uses {@code render} (the statements that ran).
 */
package io.github.citusaudit.report;
