package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlQuoteTest {

    private final SqlQuote q = new SqlQuote();

    @Test
    void namesAreLeftBareOnlyWhenPostgresReadsThemBackUnchanged() {
        assertEquals("account", q.id("account"));
        assertEquals("account_hist_102040", q.id("account_hist_102040"));
        assertEquals("\"Account\"", q.id("Account"));
        assertEquals("\"order\"", q.id("order"));
        assertEquals("\"user\"", q.id("user"));
        assertEquals("\"a\"\"b\"", q.id("a\"b"));
        assertEquals("\"a.b\"", q.id("a.b"));
        assertEquals("\"it's\"", q.id("it's"));
        assertEquals("\"100%\"", q.id("100%"));
        assertEquals("\"x;drop table t\"", q.id("x;drop table t"));
        assertEquals("\"größe\"", q.id("größe"));
        assertEquals("\"1abc\"", q.id("1abc"));
        // unreserved keywords need no quotes, as quote_ident() does
        assertEquals("version", q.id("version"));
    }

    @Test
    void qualifiedNamesQuoteEachPart() {
        assertEquals("shard6.account", q.table("shard6", "account"));
        assertEquals("\"My Schema\".\"t\"\"x\"", q.table("My Schema", "t\"x"));
    }

    @Test
    void literalsDoubleQuotesAndEscapeBackslashes() {
        assertEquals("'plain'", q.lit("plain"));
        assertEquals("'it''s'", q.lit("it's"));
        assertEquals("E'a\\\\b'", q.lit("a\\b"));
        assertEquals("'32'", q.lit(32));
        assertEquals("'shard6.account'::regclass", q.regclass("shard6", "account"));
        assertEquals("'\"Odd\"\"name\".\"x''y\"'::regclass", q.regclass("Odd\"name", "x'y"));
    }

    @Test
    void formatTextEscapesPercent() {
        assertEquals("INSERT INTO %%s (\"100%%\")", q.fmt("INSERT INTO %s (\"100%\")"));
    }

    @Test
    void dollarQuotesPickATagTheBodyDoesNotContain() {
        assertEquals("$do$BEGIN END$do$", q.dollar("do", "BEGIN END"));
        assertEquals("$do1$ x $do$ y $do1$", q.dollar("do", " x $do$ y "));
        assertEquals("$do2$$do$$do1$$do2$", q.dollar("do", "$do$$do1$"));
    }
}
