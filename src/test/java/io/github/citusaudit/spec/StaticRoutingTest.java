package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the static branch is allowed for: writes shown to keep the trigger row's distribution value.
 * Every form it cannot show is refused, a body that is right included: routing then goes through
 * the distributed tables.
 */
class StaticRoutingTest {

    private static final Map<String, String> TARGETS = Map.of("big", "key", "counts", "tenant_id");

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO {{big}} (key, val) VALUES (NEW.key, NEW.val * 2);",
            "INSERT INTO {{big}} (val, key) VALUES (NEW.val, (NEW).key), (0, OLD.key);",
            "insert into {{big}} as b (val, \"key\") select NEW.val + x, new.key from generate_series(1, 3) x"
                    + " on conflict (key) do update set val = b.val + 1;",
            "INSERT INTO {{counts}} AS c (tenant_id, orders) VALUES (NEW.key, 1) ON CONFLICT (tenant_id) DO UPDATE"
                    + " SET orders = c.orders + 1;",
            "UPDATE {{counts}} SET orders = orders - 1 WHERE tenant_id = OLD.key AND orders > 0;",
            "UPDATE {{counts}} c SET orders = 0 WHERE (OLD.key = c.tenant_id);",
            "DELETE FROM {{big}} WHERE val < 0 AND key = NEW.key RETURNING val;",
            "IF TG_OP = 'INSERT' THEN INSERT INTO {{big}} (key) VALUES (NEW.key); ELSE DELETE FROM {{big}} WHERE"
                    + " key = OLD.key; END IF;",
            "PERFORM 1; -- INSERT INTO big_vals: a comment names nothing"})
    void shownToKeepTheValue(String body) {
        StaticRouting.Verdict verdict = StaticRouting.of(body, "key", TARGETS);
        assertTrue(verdict.shown(), verdict::reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO {{big}} (key, val) VALUES (NEW.key + 1, NEW.val);",
            "INSERT INTO {{big}} (key, val) VALUES (NEW.val, NEW.key);",
            "INSERT INTO {{big}} (key, val) VALUES (NEW.key, 1), (42, 2);",
            "INSERT INTO {{big}} VALUES (NEW.key, NEW.val);",
            "INSERT INTO {{big}} (val) VALUES (NEW.val);",
            "INSERT INTO {{big}} (key) SELECT NEW.key UNION SELECT 7;",
            "INSERT INTO {{big}} (key) SELECT k FROM other WHERE k = NEW.key;",
            "UPDATE {{big}} SET val = 0;",
            "UPDATE {{big}} SET val = 0 WHERE key = NEW.key OR val IS NULL;",
            "UPDATE {{big}} SET key = NEW.key + 1 WHERE key = NEW.key;",
            "DELETE FROM {{big}} WHERE key > NEW.key;",
            "DELETE FROM {{big}} WHERE val BETWEEN 1 AND key = NEW.key;",
            "PERFORM count(*) FROM {{big}} WHERE key = NEW.key;",
            "EXECUTE 'INSERT INTO {{big}} (key) VALUES ($1)' USING NEW.key;",
            "INSERT INTO {{big}} (key) VALUES (NEW.other);"})
    void notShown(String body) {
        StaticRouting.Verdict verdict = StaticRouting.of(body, "key", TARGETS);
        assertFalse(verdict.shown(), body);
        assertTrue(verdict.offset() >= 0 && verdict.offset() < body.length(), verdict::toString);
    }

    @org.junit.jupiter.api.Test
    void theVerdictPointsAtTheWriteItCannotShow() {
        String body = "INSERT INTO {{big}} (key) VALUES (NEW.key);\nUPDATE {{counts}} SET orders = 1;";
        StaticRouting.Verdict verdict = StaticRouting.of(body, "key", TARGETS);
        assertEquals(body.indexOf("{{counts}}"), verdict.offset());
        assertEquals("the UPDATE of {{counts}} has no WHERE tenant_id = NEW.key", verdict.reason());
    }
}
