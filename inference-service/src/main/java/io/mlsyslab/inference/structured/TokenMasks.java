package io.mlsyslab.inference.structured;

/** Writes a token bitset into logits: disallowed tokens become negative infinity. */
final class TokenMasks {
    private TokenMasks() {
    }

    /** @return how many tokens stay allowed */
    static int apply(float[] logits, int off, int vocab, long[] allowed, int eos, boolean eosAllowed) {
        int kept = 0;
        for (int w = 0; w << 6 < vocab; w++) {
            long bits = w < allowed.length ? allowed[w] : 0L;
            int base = w << 6, end = Math.min(64, vocab - base);
            if (bits == -1L && end == 64) {
                kept += 64;
                continue;
            }
            for (int i = 0; i < end; i++) {
                if ((bits >>> i & 1L) == 0) {
                    if (base + i == eos && eosAllowed) {
                        kept++;
                    } else {
                        logits[off + base + i] = Float.NEGATIVE_INFINITY;
                    }
                } else {
                    kept++;
                }
            }
        }
        return kept;
    }
}
