package io.mlsyslab.inference.structured;

/** Bytes a code point takes inside a JSON string: raw UTF-8, or its escape where JSON requires one. */
final class JsonStringCost {
    private JsonStringCost() {
    }

    static int of(int cp) {
        if (cp == '"' || cp == '\\' || cp == '\b' || cp == '\f' || cp == '\n' || cp == '\r' || cp == '\t') {
            return 2;
        }
        if (cp < 0x20) {
            return 6;
        }
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** The cheapest code point of {@code [lo, hi]} (surrogates excluded: they cannot be written), or INF. */
    static int cheapest(int lo, int hi) {
        int best = SchemaNode.INF;
        // cost is constant on these bands except for the few escaped characters, which are checked one by one
        int[] bandStarts = {0, 0x20, 0x80, 0x800, 0xD800, 0xE000, 0x10000, 0x110000};
        for (int b = 0; b + 1 < bandStarts.length; b++) {
            int a = Math.max(lo, bandStarts[b]), z = Math.min(hi, bandStarts[b + 1] - 1);
            if (a > z || bandStarts[b] == 0xD800) {
                continue;
            }
            if (bandStarts[b] < 0x80) {
                for (int cp = a; cp <= z && best > 1; cp++) {
                    best = Math.min(best, of(cp));
                }
            } else {
                best = Math.min(best, of(a));
            }
        }
        return best;
    }
}
