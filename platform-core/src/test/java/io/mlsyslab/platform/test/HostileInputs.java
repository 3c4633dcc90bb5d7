package io.mlsyslab.platform.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of what hostile or careless clients send: JSON documents that are almost right (a field of the
 * wrong type, a number out of any range, a subnormal, a string for a number, an unknown field, deep nesting, a
 * truncated document) and query values with bytes that are not UTF-8. The same seed gives the same inputs, so a
 * failure is reproduced by its seed and index.
 */
public final class HostileInputs {

    /** Client text never holds these, so that a body which shows them can only show the server's internals. */
    private static final String ALPHABET = "abcxyzABC019 _-:,/%+=?&#@!~^|<>[]{}\"'\\\u00e9\u4e2d\u0000\u007f\t";

    private final SplittableRandom random;

    public HostileInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A JSON scalar or container of any type, weighted towards the values that broke parsers and engines. */
    public String anyValue(int depth) {
        return switch (random.nextInt(depth > 2 ? 16 : 19)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Integer.toString(random.nextInt(-3, 4));
            case 3 -> pick(List.of("1e308", "-1e308", "4.9e-324", "-4.9e-324", "2.2250738585072014E-308", "1e-320"));
            case 4 -> pick(List.of("2147483648", "-2147483649", "9223372036854775808", "1" + "0".repeat(400)));
            case 5 -> pick(List.of("1.5", "0.5", "-0.0", "0", "1e3", "1E-3", "3.0"));
            case 6 -> pick(List.of("\"5\"", "\"1.5\"", "\"true\"", "\"1e308\"", "\"\""));
            case 7 -> pick(List.of("NaN", "Infinity", "-Infinity", "01", "+1", ".5", "0x10", "1.", "--1"));
            case 8, 9 -> quoted(text(random.nextInt(0, 12)));
            case 10 -> quoted(text(random.nextInt(200, 2_000)));
            case 11 -> Integer.toString(random.nextInt());
            case 12 -> Double.toString(random.nextDouble(-1e6, 1e6));
            case 13 -> Long.toString(random.nextLong());
            case 14 -> "[]";
            case 15 -> "{}";
            case 16 -> "[" + anyValue(depth + 1) + "," + anyValue(depth + 1) + "]";
            case 17 -> "{" + quoted(text(3)) + ":" + anyValue(depth + 1) + "}";
            default -> "[".repeat(600) + "]".repeat(600);
        };
    }

    /** {@code valid} with one field replaced by a hostile value, one unknown field added, or the text broken. */
    public String mutate(Map<String, String> valid) {
        List<String> names = new ArrayList<>(valid.keySet());
        Map<String, String> fields = new java.util.LinkedHashMap<>(valid);
        switch (random.nextInt(10)) {
            case 0 -> fields.put(text(random.nextInt(1, 8)), anyValue(0));
            case 1 -> {
                String document = object(fields);
                return document.substring(0, random.nextInt(document.length()));
            }
            case 2 -> fields.remove(pick(names));
            default -> fields.put(pick(names), anyValue(0));
        }
        return object(fields);
    }

    /** A query value: plain text percent-encoded, or raw escapes of arbitrary bytes (often not UTF-8). */
    public String queryValue() {
        if (random.nextInt(3) == 0) {
            StringBuilder escapes = new StringBuilder();
            for (int i = random.nextInt(1, 6); i > 0; i--) {
                escapes.append('%').append(String.format("%02X", random.nextInt(256)));
            }
            return escapes.toString();
        }
        if (random.nextInt(8) == 0) {
            return pick(List.of("%C3%28", "%ED%A0%80", "1e308", "-1", "0", "2147483648", "NaN", "4.9e-324"));
        }
        return java.net.URLEncoder.encode(text(random.nextInt(0, 12)), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quoted(name)).append(':')
                .append(value));
        return json.append('}').toString();
    }

    private String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** {@code text} as a JSON string: quotes, backslashes and control characters escaped. */
    public static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
