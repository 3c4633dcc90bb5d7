package io.mlsyslab.inference.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@code pattern} as a DFA over code points: Thompson NFA, then subsets over the intervals between all class
 * boundaries. JSON Schema patterns are searches, so an end without an anchor gets "anything" around it. States
 * that cannot reach acceptance are dropped, so every transition kept leads somewhere that can still match.
 */
final class PatternDfa {
    static final int MAX_STATES = 2000;
    private static final int MAX_NFA = 20_000;
    private static final int MAX_TABLE = 4_000_000;

    /** Interval i is code points {@code [bounds[i], bounds[i+1])}. */
    private final int[] bounds;
    private final int intervals;
    /** {@code next[state * intervals + i]}: the next state, or -1. */
    private final int[] next;
    private final boolean[] accept;
    private final boolean[] universal;

    private PatternDfa(int[] bounds, int[] next, boolean[] accept) {
        this.bounds = bounds;
        this.intervals = bounds.length - 1;
        this.next = next;
        this.accept = accept;
        int states = accept.length;
        universal = new boolean[states];
        for (int s = 0; s < states; s++) {
            boolean all = accept[s];
            for (int i = 0; i < intervals && all; i++) {
                all = next[s * intervals + i] == s || surrogatesOnly(i);
            }
            universal[s] = all;
        }
    }

    /** Compiles a pattern; {@link Regex.Unsupported} for syntax outside the subset or a pattern nothing matches. */
    static PatternDfa compile(String pattern) {
        Regex.Parsed parsed = Regex.parse(pattern);
        Nfa nfa = new Nfa();
        int start = nfa.state(), end = nfa.state();
        List<Regex.Re> parts = new ArrayList<>();
        if (!parsed.anchoredStart()) {
            parts.add(new Regex.Repeat(new Regex.Chars(Regex.ANY), 0, -1));
        }
        parts.add(parsed.body());
        if (!parsed.anchoredEnd()) {
            parts.add(new Regex.Repeat(new Regex.Chars(Regex.ANY), 0, -1));
        }
        nfa.build(new Regex.Seq(parts), start, end);
        return determinize(nfa, start, end);
    }

    /** Thompson NFA: epsilon lists and at most one ranged edge per state. */
    private static final class Nfa {
        final List<List<Integer>> eps = new ArrayList<>();
        final List<int[]> ranges = new ArrayList<>();
        final List<Integer> target = new ArrayList<>();

        int state() {
            if (eps.size() >= MAX_NFA) {
                throw new Regex.Unsupported("too large once repetitions are expanded (over " + MAX_NFA + " states)");
            }
            eps.add(new ArrayList<>());
            ranges.add(null);
            target.add(-1);
            return eps.size() - 1;
        }

        void build(Regex.Re re, int from, int to) {
            switch (re) {
                case Regex.Chars c -> {
                    ranges.set(from, c.ranges());
                    target.set(from, to);
                }
                case Regex.Seq s -> {
                    int cur = from;
                    for (int i = 0; i < s.items().size(); i++) {
                        int nxt = i == s.items().size() - 1 ? to : state();
                        build(s.items().get(i), cur, nxt);
                        cur = nxt;
                    }
                    if (s.items().isEmpty()) {
                        eps.get(from).add(to);
                    }
                }
                case Regex.Alt a -> {
                    for (Regex.Re o : a.options()) {
                        int s = state(), e = state();
                        eps.get(from).add(s);
                        build(o, s, e);
                        eps.get(e).add(to);
                    }
                }
                case Regex.Repeat r -> {
                    int cur = from;
                    for (int i = 0; i < r.min(); i++) {
                        int s = state(), nxt = state();
                        eps.get(cur).add(s);
                        build(r.item(), s, nxt);
                        cur = nxt;
                    }
                    if (r.max() < 0) {
                        int s = state(), e = state();
                        eps.get(cur).add(s);
                        eps.get(cur).add(to);
                        build(r.item(), s, e);
                        eps.get(e).add(s);
                        eps.get(e).add(to);
                    } else {
                        for (int i = r.min(); i < r.max(); i++) {
                            int s = state(), nxt = state();
                            eps.get(cur).add(s);
                            eps.get(cur).add(to);
                            build(r.item(), s, nxt);
                            cur = nxt;
                        }
                        eps.get(cur).add(to);
                    }
                }
            }
        }

        BitSet closure(BitSet set) {
            BitSet out = (BitSet) set.clone();
            ArrayDeque<Integer> work = new ArrayDeque<>();
            set.stream().forEach(work::add);
            while (!work.isEmpty()) {
                for (int t : eps.get(work.pop())) {
                    if (!out.get(t)) {
                        out.set(t);
                        work.add(t);
                    }
                }
            }
            return out;
        }
    }

    private static PatternDfa determinize(Nfa nfa, int start, int end) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, Regex.MAX_CP + 1, 0xD800, 0xE000));
        for (int[] r : nfa.ranges) {
            if (r != null) {
                for (int i = 0; i < r.length; i += 2) {
                    cuts.add(r[i]);
                    cuts.add(r[i + 1] + 1);
                }
            }
        }
        int[] bounds = cuts.stream().mapToInt(Integer::intValue).toArray();
        int n = bounds.length - 1;
        Map<BitSet, Integer> ids = new HashMap<>();
        List<BitSet> sets = new ArrayList<>();
        BitSet first = new BitSet();
        first.set(start);
        first = nfa.closure(first);
        ids.put(first, 0);
        sets.add(first);
        List<int[]> rows = new ArrayList<>();
        for (int d = 0; d < sets.size(); d++) {
            int[] row = new int[n];
            Arrays.fill(row, -1);
            BitSet[] moves = new BitSet[n];
            BitSet cur = sets.get(d);
            for (int s = cur.nextSetBit(0); s >= 0; s = cur.nextSetBit(s + 1)) {
                int[] r = nfa.ranges.get(s);
                if (r == null) {
                    continue;
                }
                for (int k = 0; k < r.length; k += 2) {
                    for (int i = Arrays.binarySearch(bounds, r[k]); i < n && bounds[i] <= r[k + 1]; i++) {
                        if (!surrogatesOnly(bounds, i)) {
                            (moves[i] == null ? moves[i] = new BitSet() : moves[i]).set(nfa.target.get(s));
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (moves[i] != null) {
                    BitSet to = nfa.closure(moves[i]);
                    Integer id = ids.get(to);
                    if (id == null) {
                        if (sets.size() >= MAX_STATES) {
                            throw new Regex.Unsupported("too complex (over " + MAX_STATES + " automaton states)");
                        }
                        id = sets.size();
                        ids.put(to, id);
                        sets.add(to);
                    }
                    row[i] = id;
                }
            }
            rows.add(row);
        }
        boolean[] accept = new boolean[sets.size()];
        for (int d = 0; d < accept.length; d++) {
            accept[d] = sets.get(d).get(end);
        }
        boolean[] live = live(rows, accept);
        if (!live[0]) {
            throw new Regex.Unsupported("matches no string");
        }
        int[] next = new int[rows.size() * n];
        for (int d = 0; d < rows.size(); d++) {
            for (int i = 0; i < n; i++) {
                int t = rows.get(d)[i];
                next[d * n + i] = t >= 0 && live[t] ? t : -1;
            }
        }
        return new PatternDfa(bounds, next, accept);
    }

    private static boolean[] live(List<int[]> rows, boolean[] accept) {
        boolean[] live = accept.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < rows.size(); d++) {
                if (!live[d]) {
                    for (int t : rows.get(d)) {
                        if (t >= 0 && live[t]) {
                            live[d] = changed = true;
                            break;
                        }
                    }
                }
            }
        }
        return live;
    }

    private static boolean surrogatesOnly(int[] bounds, int i) {
        return bounds[i] >= 0xD800 && bounds[i + 1] <= 0xE000;
    }

    private boolean surrogatesOnly(int i) {
        return surrogatesOnly(bounds, i);
    }

    int start() {
        return 0;
    }

    int states() {
        return accept.length;
    }

    boolean accepting(int state) {
        return accept[state];
    }

    /** Accepting, and every character keeps it here: the rest of the string is unconstrained. */
    boolean universal(int state) {
        return universal[state];
    }

    /** The state after code point {@code cp}, or -1 when no match can follow. */
    int step(int state, int cp) {
        return next[state * intervals + interval(cp)];
    }

    int interval(int cp) {
        int i = Arrays.binarySearch(bounds, cp);
        return i >= 0 ? i : -i - 2;
    }

    int intervals() {
        return intervals;
    }

    int intervalStart(int i) {
        return bounds[i];
    }

    int intervalEnd(int i) {
        return bounds[i + 1] - 1;
    }

    int next(int state, int i) {
        return next[state * intervals + i];
    }

    /**
     * {@code table[s][c]}: fewest bytes of content that take state s, after c characters, to an accepted end with
     * {@code minLength <= characters <= maxLength} (c saturates at maxLength, or at minLength when unbounded).
     * Dynamic programming over exact continuation lengths; a shortest path longer than minLength + states would
     * repeat a state, so that length suffices when there is no maximum.
     */
    int[][] closeTable(int minLength, int maxLength) {
        int states = accept.length;
        boolean bounded = maxLength != Integer.MAX_VALUE;
        int horizon = bounded ? maxLength : minLength + states;
        int columns = bounded ? maxLength : minLength;
        if ((long) states * (horizon + 1) > MAX_TABLE || (long) states * (columns + 1) > MAX_TABLE) {
            throw new Regex.Unsupported("too complex together with minLength/maxLength (pattern states x length over "
                    + MAX_TABLE + ")");
        }
        // cheapest byte cost of one character from s to each successor t
        List<int[]> edges = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            Map<Integer, Integer> cost = new HashMap<>();
            for (int i = 0; i < intervals; i++) {
                int t = next[s * intervals + i];
                if (t >= 0) {
                    cost.merge(t, JsonStringCost.cheapest(bounds[i], bounds[i + 1] - 1), Math::min);
                }
            }
            int[] e = new int[cost.size() * 2];
            int k = 0;
            for (Map.Entry<Integer, Integer> en : cost.entrySet()) {
                e[k++] = en.getKey();
                e[k++] = en.getValue();
            }
            edges.add(e);
        }
        int[][] exact = new int[horizon + 1][states];
        for (int s = 0; s < states; s++) {
            exact[0][s] = accept[s] ? 0 : SchemaNode.INF;
        }
        for (int len = 1; len <= horizon; len++) {
            for (int s = 0; s < states; s++) {
                int best = SchemaNode.INF;
                int[] e = edges.get(s);
                for (int k = 0; k < e.length; k += 2) {
                    best = Math.min(best, SchemaNode.add(e[k + 1], exact[len - 1][e[k]]));
                }
                exact[len][s] = best;
            }
        }
        int[][] table = new int[states][columns + 1];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c <= columns; c++) {
                int best = SchemaNode.INF;
                int upper = bounded ? maxLength - c : horizon;
                for (int len = Math.max(0, minLength - c); len <= upper; len++) {
                    best = Math.min(best, exact[len][s]);
                }
                table[s][c] = best;
            }
        }
        return table;
    }
}
