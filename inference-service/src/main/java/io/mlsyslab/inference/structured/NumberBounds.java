package io.mlsyslab.inference.structured;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * minimum / maximum / exclusiveMinimum / exclusiveMaximum, checked digit by digit: a prefix of a decimal number
 * (no exponent) is allowed only if some completion of it lies in range, and {@link #minCompletion} says how many
 * bytes the shortest such completion adds. The completions of a prefix with k more integer digits and m fraction
 * digits are a grid of step 10^-m over an interval, so each (k, m) is one interval test; the search is bounded by
 * the bounds' digit counts and scales, beyond which no new lengths become feasible. Results are cached per prefix.
 */
final class NumberBounds {
    private static final int CACHE_LIMIT = 100_000;

    private final boolean integer;
    private final BigDecimal lo;
    private final boolean loExclusive;
    private final BigDecimal hi;
    private final boolean hiExclusive;
    private final int maxIntDigits;
    private final int maxFraction;
    private final ConcurrentHashMap<String, Integer> cache = new ConcurrentHashMap<>();

    NumberBounds(boolean integer, BigDecimal lo, boolean loExclusive, BigDecimal hi, boolean hiExclusive) {
        this.integer = integer;
        this.lo = lo;
        this.loExclusive = loExclusive;
        this.hi = hi;
        this.hiExclusive = hiExclusive;
        int digits = 1, scale = 0;
        for (BigDecimal b : new BigDecimal[]{lo, hi}) {
            if (b != null) {
                digits = Math.max(digits, b.abs().setScale(0, RoundingMode.CEILING).toPlainString().length());
                scale = Math.max(scale, Math.max(0, b.stripTrailingZeros().scale()));
            }
        }
        maxIntDigits = digits + 2;
        maxFraction = integer ? 0 : scale + 2;
    }

    /** Bytes the shortest in-range completion of {@code prefix} adds (0: complete now), or INF when none. */
    int minCompletion(String prefix) {
        Integer hit = cache.get(prefix);
        if (hit != null) {
            return hit;
        }
        int v = compute(prefix);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(prefix, v);
        }
        return v;
    }

    private int compute(String prefix) {
        if (prefix.isEmpty()) {
            return Math.min(magnitude(false, ""), SchemaNode.add(1, minCompletion("-")));
        }
        boolean negative = prefix.charAt(0) == '-';
        return magnitude(negative, negative ? prefix.substring(1) : prefix);
    }

    /** The magnitude range allowed for a number of the given sign: [low, high] with exclusivity; null if empty. */
    private record Range(BigDecimal low, boolean lowExclusive, BigDecimal high, boolean highExclusive) {
    }

    private Range range(boolean negative) {
        BigDecimal l = negative ? (hi == null ? null : hi.negate()) : lo;
        boolean lx = negative ? hiExclusive : loExclusive;
        BigDecimal h = negative ? (lo == null ? null : lo.negate()) : hi;
        boolean hx = negative ? loExclusive : hiExclusive;
        if (l == null || l.signum() < 0) {
            l = BigDecimal.ZERO;
            lx = false;
        }
        if (h != null && (h.compareTo(l) < 0 || h.compareTo(l) == 0 && (lx || hx))) {
            return null;
        }
        return new Range(l, lx, h, hx);
    }

    private int magnitude(boolean negative, String body) {
        Range r = range(negative);
        if (r == null) {
            return SchemaNode.INF;
        }
        int dot = body.indexOf('.');
        int best = SchemaNode.INF;
        if (dot >= 0) {
            BigDecimal fixed = new BigDecimal(body.length() == dot + 1 ? body.substring(0, dot) : body);
            int n = body.length() - dot - 1;
            for (int m = n == 0 ? 1 : 0; m <= maxFraction + 1 && m < best; m++) {
                BigDecimal last = fixed.add(BigDecimal.ONE.movePointLeft(n)).subtract(BigDecimal.ONE.movePointLeft(n + m));
                if (feasible(fixed, last, n + m, r)) {
                    best = m;
                }
            }
            return best;
        }
        for (int k = 0; k <= maxIntDigits; k++) {
            BigDecimal first, lastInt;
            if (body.isEmpty()) {
                if (k == 0) {
                    continue;
                }
                first = k == 1 ? BigDecimal.ZERO : BigDecimal.TEN.pow(k - 1);
                lastInt = BigDecimal.TEN.pow(k).subtract(BigDecimal.ONE);
            } else if (body.equals("0")) {
                if (k > 0) {
                    break;
                }
                first = lastInt = BigDecimal.ZERO;
            } else {
                first = new BigDecimal(new BigInteger(body)).movePointRight(k);
                lastInt = first.add(BigDecimal.TEN.pow(k)).subtract(BigDecimal.ONE);
            }
            for (int m = 0; m <= maxFraction; m++) {
                int cost = k + (m == 0 ? 0 : m + 1);
                if (cost >= best) {
                    break;
                }
                BigDecimal last = m == 0 ? lastInt : lastInt.add(BigDecimal.ONE).subtract(BigDecimal.ONE.movePointLeft(m));
                if (feasible(first, last, m, r)) {
                    best = cost;
                }
            }
        }
        return best;
    }

    /** Whether a multiple of 10^-scale in [first, last] lies in the range. */
    private static boolean feasible(BigDecimal first, BigDecimal last, int scale, Range r) {
        BigDecimal low = first;
        boolean lowExclusive = false;
        int c = r.low().compareTo(first);
        if (c >= 0) {
            low = r.low();
            lowExclusive = r.lowExclusive();
        }
        BigDecimal x = low.setScale(scale, RoundingMode.CEILING);
        if (lowExclusive && x.compareTo(low) == 0) {
            x = x.add(BigDecimal.ONE.movePointLeft(scale));
        }
        BigDecimal high = last;
        boolean highExclusive = false;
        if (r.high() != null && r.high().compareTo(last) <= 0) {
            high = r.high();
            highExclusive = r.highExclusive();
        }
        int d = x.compareTo(high);
        return highExclusive ? d < 0 : d <= 0;
    }
}
