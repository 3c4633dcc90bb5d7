package io.mlsyslab.network.fabric.routing;

import java.util.Arrays;

/**
 * Proper edge colouring of a bipartite multigraph with exactly Δ colours (König), working on aggregated edges: an
 * edge with multiplicity m stands for m parallel edges and receives m distinct colours as a few ranges.
 *
 * <p>Method: pad the graph with dummy edges until every vertex has degree Δ (a Δ-regular bipartite multigraph), then
 * repeatedly take a perfect matching (one always exists by Hall's theorem), give all its edges the next w colours
 * where w is the smallest multiplicity on the matching, and subtract w. Each round removes at least one edge and uses
 * at least one colour, so there are at most min(Δ, edges) rounds; the matching is repaired with Hopcroft-Karp from
 * the previous one. Because every vertex meets each colour exactly once, mapping colour c to spine c mod S puts at
 * most ⌈Δ/S⌉ edges of any vertex on one spine.
 */
final class BipartiteEdgeColouring {

    private static final int INF = Integer.MAX_VALUE;

    /** Colour ranges of real edge e: {@code rangeStart/rangeLength[i]} for i in {@code [first[e], first[e+1])}. */
    record Colouring(int degree, int[] first, long[] rangeStart, long[] rangeLength) {
    }

    private final int n;
    private int edgeCount;
    private int[] eu;
    private int[] ev;
    private long[] mult;
    private int[] adjStart;
    private int[] adj;
    private int[] matchL;
    private int[] matchR;
    private int[] dist;
    private int[] iter;

    private BipartiteEdgeColouring(int n) {
        this.n = n;
    }

    /** Colours {@code u.length} aggregated edges between left vertices u[i] and right vertices v[i], both in [0, n). */
    static Colouring colour(int n, int[] u, int[] v, long[] multiplicity) {
        return new BipartiteEdgeColouring(n).run(u, v, multiplicity);
    }

    private Colouring run(int[] u, int[] v, long[] multiplicity) {
        int real = u.length;
        long[] degL = new long[n];
        long[] degR = new long[n];
        for (int i = 0; i < real; i++) {
            degL[u[i]] += multiplicity[i];
            degR[v[i]] += multiplicity[i];
        }
        long delta = 0;
        for (int i = 0; i < n; i++) {
            delta = Math.max(delta, Math.max(degL[i], degR[i]));
        }
        eu = Arrays.copyOf(u, real + 2 * n);
        ev = Arrays.copyOf(v, real + 2 * n);
        mult = Arrays.copyOf(multiplicity, real + 2 * n);
        edgeCount = real;
        padToRegular(degL, degR, delta);
        buildAdjacency();
        matchL = new int[n];
        matchR = new int[n];
        Arrays.fill(matchL, -1);
        Arrays.fill(matchR, -1);
        dist = new int[n];
        iter = new int[n];

        long[] rStart = new long[64];
        long[] rLen = new long[64];
        int[] rEdge = new int[64];
        int ranges = 0;
        long colour = 0;
        while (colour < delta) {
            if (maximumMatching() < n) {
                throw new IllegalStateException("no perfect matching in a regular bipartite multigraph");
            }
            long w = Long.MAX_VALUE;
            for (int x = 0; x < n; x++) {
                w = Math.min(w, mult[matchL[x]]);
            }
            for (int x = 0; x < n; x++) {
                int e = matchL[x];
                if (e < real) {
                    if (ranges == rStart.length) {
                        rStart = Arrays.copyOf(rStart, ranges * 2);
                        rLen = Arrays.copyOf(rLen, ranges * 2);
                        rEdge = Arrays.copyOf(rEdge, ranges * 2);
                    }
                    rStart[ranges] = colour;
                    rLen[ranges] = w;
                    rEdge[ranges++] = e;
                }
                mult[e] -= w;
                if (mult[e] == 0) {
                    matchL[x] = -1;
                    matchR[ev[e]] = -1;
                }
            }
            colour += w;
        }
        // group the ranges by edge, keeping colour order within an edge
        int[] first = new int[real + 1];
        for (int i = 0; i < ranges; i++) {
            first[rEdge[i] + 1]++;
        }
        for (int e = 0; e < real; e++) {
            first[e + 1] += first[e];
        }
        int[] fill = Arrays.copyOf(first, real);
        long[] start = new long[ranges];
        long[] len = new long[ranges];
        for (int i = 0; i < ranges; i++) {
            int at = fill[rEdge[i]]++;
            start[at] = rStart[i];
            len[at] = rLen[i];
        }
        return new Colouring((int) Math.min(delta, Integer.MAX_VALUE), first, start, len);
    }

    /** Adds dummy edges between vertices short of degree Δ on opposite sides; both sides miss the same total. */
    private void padToRegular(long[] degL, long[] degR, long delta) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < n && degL[i] == delta) {
                i++;
            }
            while (j < n && degR[j] == delta) {
                j++;
            }
            if (i == n || j == n) {
                break;
            }
            long m = Math.min(delta - degL[i], delta - degR[j]);
            if (edgeCount == eu.length) {
                eu = Arrays.copyOf(eu, edgeCount * 2);
                ev = Arrays.copyOf(ev, edgeCount * 2);
                mult = Arrays.copyOf(mult, edgeCount * 2);
            }
            eu[edgeCount] = i;
            ev[edgeCount] = j;
            mult[edgeCount++] = m;
            degL[i] += m;
            degR[j] += m;
        }
    }

    private void buildAdjacency() {
        adjStart = new int[n + 1];
        for (int e = 0; e < edgeCount; e++) {
            adjStart[eu[e] + 1]++;
        }
        for (int x = 0; x < n; x++) {
            adjStart[x + 1] += adjStart[x];
        }
        adj = new int[edgeCount];
        int[] fill = Arrays.copyOf(adjStart, n);
        for (int e = 0; e < edgeCount; e++) {
            adj[fill[eu[e]]++] = e;
        }
    }

    /** Hopcroft-Karp over edges with positive multiplicity, starting from the current matching. */
    private int maximumMatching() {
        int matched = 0;
        for (int x = 0; x < n; x++) {
            if (matchL[x] >= 0) {
                matched++;
            }
        }
        int[] queue = new int[n];
        while (matched < n) {
            int head = 0;
            int tail = 0;
            for (int x = 0; x < n; x++) {
                if (matchL[x] < 0) {
                    dist[x] = 0;
                    queue[tail++] = x;
                } else {
                    dist[x] = INF;
                }
            }
            boolean found = false;
            while (head < tail) {
                int x = queue[head++];
                for (int k = adjStart[x]; k < adjStart[x + 1]; k++) {
                    int e = adj[k];
                    if (mult[e] == 0) {
                        continue;
                    }
                    int m = matchR[ev[e]];
                    if (m < 0) {
                        found = true;
                    } else if (dist[eu[m]] == INF) {
                        dist[eu[m]] = dist[x] + 1;
                        queue[tail++] = eu[m];
                    }
                }
            }
            if (!found) {
                break;
            }
            for (int x = 0; x < n; x++) {
                iter[x] = adjStart[x];
            }
            for (int x = 0; x < n; x++) {
                if (matchL[x] < 0 && augment(x)) {
                    matched++;
                }
            }
        }
        return matched;
    }

    private boolean augment(int x) {
        for (; iter[x] < adjStart[x + 1]; iter[x]++) {
            int e = adj[iter[x]];
            if (mult[e] == 0) {
                continue;
            }
            int m = matchR[ev[e]];
            if (m < 0 || (dist[eu[m]] == dist[x] + 1 && augment(eu[m]))) {
                matchL[x] = e;
                matchR[ev[e]] = e;
                iter[x]++;
                return true;
            }
        }
        dist[x] = INF;
        return false;
    }
}
