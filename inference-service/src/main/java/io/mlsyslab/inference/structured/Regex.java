package io.mlsyslab.inference.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * The regular-expression subset that {@code pattern} supports, parsed to a syntax tree over code-point ranges:
 * literals, escaped punctuation, {@code \d \w \s \D \W \S \n \t \r \f \v \0 \xHH \\uXXXX}, classes {@code [...]} and
 * {@code [^...]}, {@code .}, groups {@code (...)} and {@code (?:...)}, {@code |}, quantifiers {@code * + ? {m} {m,}
 * {m,n}} (a lazy {@code ?} suffix changes nothing for a match test), {@code ^} only at the start and {@code $} only
 * at the end. Character classes use the meanings that ECMA-262 and java.util.regex share ({@code \d} = [0-9],
 * {@code \w} = [A-Za-z0-9_], {@code \s} = the ASCII white space both treat as space, {@code .} = anything but line
 * terminators), so a string generated here matches under either engine. Anything else is refused, naming why.
 */
final class Regex {
    static final int MAX_CP = 0x10FFFF;
    static final int MAX_REPEAT = 1000;

    sealed interface Re {
    }

    /** One code point out of sorted, disjoint, inclusive ranges {@code [lo0, hi0, lo1, hi1, ...]}. */
    record Chars(int[] ranges) implements Re {
    }

    record Seq(List<Re> items) implements Re {
    }

    record Alt(List<Re> options) implements Re {
    }

    /** {@code max} -1: unbounded. */
    record Repeat(Re item, int min, int max) implements Re {
    }

    /** The parsed pattern and whether it is anchored at either end. */
    record Parsed(Re body, boolean anchoredStart, boolean anchoredEnd) {
    }

    /** Thrown for syntax outside the subset; the message says what. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    static final int[] ANY = {0, MAX_CP};
    static final int[] DIGIT = {'0', '9'};
    static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    static final int[] SPACE = {'\t', '\r', ' ', ' '};
    /** White space under either engine (ECMA-262's Unicode set joined with Java's): \S avoids all of it. */
    static final int[] ANY_SPACE = {'\t', '\r', ' ', ' ', 0x85, 0x85, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF};
    static final int[] DOT = complement(new int[]{'\n', '\n', '\r', '\r', 0x85, 0x85, 0x2028, 0x2029});

    private final int[] cps;
    private int pos;

    private Regex(String pattern) {
        this.cps = pattern.codePoints().toArray();
    }

    static Parsed parse(String pattern) {
        Regex p = new Regex(pattern);
        boolean start = p.cps.length > 0 && p.cps[0] == '^';
        if (start) {
            p.pos = 1;
        }
        Re body = p.alternation();
        boolean end = false;
        if (p.pos < p.cps.length && p.cps[p.pos] == '$' && p.pos == p.cps.length - 1) {
            end = true;
            p.pos++;
        }
        if (p.pos < p.cps.length) {
            int c = p.cps[p.pos];
            throw new Unsupported(c == ')' ? "unbalanced ')' at " + p.pos
                    : "'" + Character.toString(c) + "' at " + p.pos + " (^ and $ are supported only at the ends)");
        }
        return new Parsed(body, start, end);
    }

    private boolean more() {
        return pos < cps.length;
    }

    private Re alternation() {
        List<Re> options = new ArrayList<>();
        options.add(sequence());
        while (more() && cps[pos] == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.getFirst() : new Alt(options);
    }

    private Re sequence() {
        List<Re> items = new ArrayList<>();
        while (more() && cps[pos] != '|' && cps[pos] != ')' && !(cps[pos] == '$' && pos == cps.length - 1)) {
            items.add(quantified(atom()));
        }
        return items.size() == 1 ? items.getFirst() : new Seq(items);
    }

    private Re quantified(Re atom) {
        while (more()) {
            int c = cps[pos];
            int min, max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{') {
                int close = pos;
                while (close < cps.length && cps[close] != '}') {
                    close++;
                }
                String body = close < cps.length ? new String(cps, pos + 1, close - pos - 1) : "";
                if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
                    throw new Unsupported("'{' at " + pos + " is not a {m}, {m,} or {m,n} quantifier");
                }
                String[] parts = body.split(",", -1);
                min = Integer.parseInt(parts[0]);
                max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
                if (max >= 0 && max < min || min > MAX_REPEAT || max > MAX_REPEAT) {
                    throw new Unsupported("quantifier {" + body + "} at " + pos + " (bounds must be ordered, <= "
                            + MAX_REPEAT + ")");
                }
                pos = close + 1;
            } else {
                return atom;
            }
            if (more() && cps[pos] == '?') {
                pos++;
            }
            atom = new Repeat(atom, min, max);
        }
        return atom;
    }

    private Re atom() {
        int c = cps[pos];
        switch (c) {
            case '(' -> {
                pos++;
                if (more() && cps[pos] == '?') {
                    if (pos + 1 < cps.length && cps[pos + 1] == ':') {
                        pos += 2;
                    } else {
                        throw new Unsupported("group construct '(?' at " + (pos - 1)
                                + " (only (?:...) is supported: no lookaround, no named groups)");
                    }
                }
                Re inner = alternation();
                if (!more() || cps[pos] != ')') {
                    throw new Unsupported("missing ')' for the group opened before " + pos);
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return new Chars(charClass());
            }
            case '.' -> {
                pos++;
                return new Chars(DOT);
            }
            case '\\' -> {
                pos++;
                return new Chars(escape(false));
            }
            case '*', '+', '?', '{' -> throw new Unsupported("quantifier '" + Character.toString(c) + "' at " + pos
                    + " has nothing to repeat");
            case '^', '$' -> throw new Unsupported("'" + Character.toString(c) + "' at " + pos
                    + " (^ and $ are supported only at the ends)");
            default -> {
                pos++;
                return new Chars(new int[]{c, c});
            }
        }
    }

    private int[] charClass() {
        int open = pos++;
        boolean negate = more() && cps[pos] == '^';
        if (negate) {
            pos++;
        }
        List<int[]> parts = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (!more()) {
                throw new Unsupported("missing ']' for the class opened at " + open);
            }
            int c = cps[pos];
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            int[] lowSet;
            if (c == '\\') {
                pos++;
                lowSet = escape(true);
            } else if (c == '[') {
                throw new Unsupported("'[' inside a class at " + pos + " (no nested classes or set operations)");
            } else {
                pos++;
                lowSet = new int[]{c, c};
            }
            boolean single = lowSet.length == 2 && lowSet[0] == lowSet[1];
            if (single && pos + 1 < cps.length && cps[pos] == '-' && cps[pos + 1] != ']') {
                pos++;
                int[] highSet;
                if (cps[pos] == '\\') {
                    pos++;
                    highSet = escape(true);
                } else {
                    highSet = new int[]{cps[pos], cps[pos]};
                    pos++;
                }
                if (highSet.length != 2 || highSet[0] != highSet[1] || highSet[0] < lowSet[0]) {
                    throw new Unsupported("range in the class opened at " + open + " is not char-char in order");
                }
                parts.add(new int[]{lowSet[0], highSet[0]});
            } else {
                parts.add(lowSet);
            }
        }
        int[] set = union(parts);
        return negate ? complement(set) : set;
    }

    private int[] escape(boolean inClass) {
        if (!more()) {
            throw new Unsupported("pattern ends with '\\'");
        }
        int c = cps[pos++];
        return switch (c) {
            case 'd' -> DIGIT;
            case 'D' -> complement(DIGIT);
            case 'w' -> WORD;
            case 'W' -> complement(WORD);
            case 's' -> SPACE;
            case 'S' -> complement(ANY_SPACE);
            case 'n' -> single('\n');
            case 't' -> single('\t');
            case 'r' -> single('\r');
            case 'f' -> single('\f');
            case 'v' -> single(0x0B);
            case '0' -> single(0);
            case 'x' -> single(hex(2));
            case 'u' -> single(hex(4));
            default -> {
                if (Character.isLetterOrDigit(c) || c > 0x7F) {
                    throw new Unsupported("escape '\\" + Character.toString(c) + "' at " + (pos - 2)
                            + (c == 'b' || c == 'B' ? " (no word boundaries)" : inClass ? "" : " (no backreferences, "
                            + "no \\p classes)"));
                }
                yield single(c);
            }
        };
    }

    private int hex(int digits) {
        if (pos + digits > cps.length) {
            throw new Unsupported("truncated hex escape at " + pos);
        }
        String h = new String(cps, pos, digits);
        if (!h.matches("[0-9a-fA-F]+")) {
            throw new Unsupported("bad hex escape '" + h + "' at " + pos);
        }
        pos += digits;
        return Integer.parseInt(h, 16);
    }

    private static int[] single(int c) {
        return new int[]{c, c};
    }

    static int[] union(List<int[]> sets) {
        List<int[]> ranges = new ArrayList<>();
        for (int[] s : sets) {
            for (int i = 0; i < s.length; i += 2) {
                ranges.add(new int[]{s[i], s[i + 1]});
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Integer> out = new ArrayList<>();
        for (int[] r : ranges) {
            int n = out.size();
            if (n > 0 && r[0] <= out.get(n - 1) + 1) {
                out.set(n - 1, Math.max(out.get(n - 1), r[1]));
            } else {
                out.add(r[0]);
                out.add(r[1]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] complement(int[] set) {
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < set.length; i += 2) {
            if (set[i] > next) {
                out.add(next);
                out.add(set[i] - 1);
            }
            next = set[i + 1] + 1;
        }
        if (next <= MAX_CP) {
            out.add(next);
            out.add(MAX_CP);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
