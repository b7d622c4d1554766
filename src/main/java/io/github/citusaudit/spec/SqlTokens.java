package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trigger body cut into tokens, as far as telling where its writes go needs: words (names and
 * keywords, unquoted ones folded to lower case as PostgreSQL reads them), quoted names, placeholders
 * ({@code {{big}}}), literals and symbols, each with its nesting depth in parentheses. Strings, dollar
 * quotes and comments are skipped whole, so that nothing in them is taken for SQL.
 */
final class SqlTokens {

    enum Kind {
        WORD,
        QUOTED_NAME,
        PLACEHOLDER,
        LITERAL,
        SYMBOL
    }

    /**
     * @param text   a word folded to lower case, a quoted name unquoted, a placeholder's name, a symbol
     * @param offset where it starts in the body
     * @param depth  parentheses open around it (a parenthesis itself counts at the outer depth)
     */
    record Token(Kind kind, String text, int offset, int depth) {

        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(word);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String body) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (body.startsWith("--", i)) {
                int end = body.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (body.startsWith("/*", i)) {
                int end = body.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                int end = closingQuote(body, i, '\'');
                tokens.add(new Token(Kind.LITERAL, body.substring(i, end), i, depth));
                i = end;
            } else if (c == '"') {
                int end = closingQuote(body, i, '"');
                tokens.add(new Token(Kind.QUOTED_NAME, body.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""),
                        i, depth));
                i = end;
            } else if (c == '$' && dollarTag(body, i) != null) {
                String tag = dollarTag(body, i);
                int end = body.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                tokens.add(new Token(Kind.LITERAL, body.substring(i, end), i, depth));
                i = end;
            } else if (body.startsWith("{{", i) && body.indexOf("}}", i) > 0) {
                int end = body.indexOf("}}", i) + 2;
                tokens.add(new Token(Kind.PLACEHOLDER, body.substring(i + 2, end - 2).trim(), i, depth));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_'
                        || body.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, body.substring(i, end).toLowerCase(Locale.ROOT), i, depth));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.LITERAL, body.substring(i, end), i, depth));
                i = end;
            } else if (c == '(') {
                tokens.add(new Token(Kind.SYMBOL, "(", i, depth++));
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                tokens.add(new Token(Kind.SYMBOL, ")", i, depth));
                i++;
            } else if (body.startsWith(":=", i) || body.startsWith("::", i)) {
                tokens.add(new Token(Kind.SYMBOL, body.substring(i, i + 2), i, depth));
                i += 2;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, depth));
                i++;
            }
        }
        return tokens;
    }

    /** The index after the quote closing the one at {@code start} (a doubled quote stays inside). */
    private static int closingQuote(String body, int start, char quote) {
        int i = start + 1;
        while (i < body.length()) {
            if (body.charAt(i) == quote) {
                if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return body.length();
    }

    /** {@code $tag$} or {@code $$} starting at {@code start}; null for anything else ({@code $1}). */
    private static String dollarTag(String body, int start) {
        int i = start + 1;
        while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(body.charAt(i))) {
                return null;
            }
            i++;
        }
        return i < body.length() && body.charAt(i) == '$' ? body.substring(start, i + 1) : null;
    }
}
