package io.mlsyslab.inference.structured;

import java.util.Arrays;

/**
 * Computes which tokens a set of configurations allows by one depth-first walk of the byte trie: each trie edge
 * advances the configurations by one byte, a subtree is skipped as soon as no configuration survives, and at a
 * token's node the surviving configurations' shortest completion decides the closing rule. Scratch buffers are
 * reused across calls (one walker per thread and vocabulary), so the walk allocates only the frames it creates.
 */
final class MaskWalker {
    /** Allowed tokens of a configuration set regardless of budget, and each one's shortest completion after it. */
    record Walk(long[] allowed, int[] tokens, int[] minAfter, int maxMinAfter) {
        /** The tokens whose shortest completion fits in {@code limit} bytes. */
        long[] within(int limit) {
            if (maxMinAfter <= limit) {
                return allowed;
            }
            long[] out = allowed.clone();
            for (int i = 0; i < tokens.length; i++) {
                if (minAfter[i] > limit) {
                    out[tokens[i] >>> 6] &= ~(1L << tokens[i]);
                }
            }
            return out;
        }
    }

    private final TokenVocabulary vocab;
    private Configurations[] levels = new Configurations[0];
    private long[] bits;
    private int[] tokens = new int[1024];
    private int[] mins = new int[1024];
    private int found;
    private int maxMin;
    /** -1: collect every token with its completion (a cacheable {@link Walk}); else keep tokens within it. */
    private int limit;

    MaskWalker(TokenVocabulary vocab) {
        this.vocab = vocab;
    }

    /** Every token the configurations allow, with shortest completions (for the cache). */
    Walk walk(Stack[] configs) {
        begin(configs, -1, new long[vocab.words()]);
        run(vocab.trie());
        return new Walk(bits, Arrays.copyOf(tokens, found), Arrays.copyOf(mins, found), maxMin);
    }

    /** Adds to {@code into} the tokens of {@code trie} allowed whose shortest completion fits in {@code limit}. */
    void walkWithin(Stack[] configs, ByteTrie trie, int limit, long[] into) {
        begin(configs, limit, into);
        run(trie);
    }

    private void begin(Stack[] configs, int limit, long[] into) {
        int depth = vocab.maxTokenBytes() + 2;
        if (levels.length < depth) {
            levels = new Configurations[depth];
            for (int i = 0; i < depth; i++) {
                levels[i] = new Configurations();
            }
        }
        levels[0].clear();
        for (Stack s : configs) {
            levels[0].add(s);
        }
        this.limit = limit;
        this.bits = into;
        found = 0;
        maxMin = 0;
    }

    private void run(ByteTrie trie) {
        if (levels[0].size > 0) {
            descend(trie, 0, 0);
        }
    }

    private void descend(ByteTrie trie, int node, int depth) {
        Configurations here = levels[depth], next = levels[depth + 1];
        for (int child = trie.firstChild(node); child >= 0; child = trie.nextSibling(child)) {
            int b = trie.label(child);
            next.clear();
            for (int i = 0; i < here.size; i++) {
                Automaton.step(here.items[i], b, next);
            }
            if (next.size == 0) {
                continue;
            }
            int token = trie.token(child);
            if (token >= 0) {
                int m = SchemaNode.INF;
                for (int i = 0; i < next.size; i++) {
                    m = Math.min(m, next.items[i].min);
                }
                for (int t = token; t >= 0; t = trie.nextSameBytes(t)) {
                    allow(t, m);
                }
            }
            if (trie.firstChild(child) >= 0) {
                descend(trie, child, depth + 1);
            }
        }
    }

    private void allow(int token, int minAfter) {
        if (limit >= 0) {
            if (minAfter <= limit) {
                bits[token >>> 6] |= 1L << token;
            }
            return;
        }
        bits[token >>> 6] |= 1L << token;
        if (found == tokens.length) {
            tokens = Arrays.copyOf(tokens, found * 2);
            mins = Arrays.copyOf(mins, found * 2);
        }
        tokens[found] = token;
        mins[found++] = minAfter;
        maxMin = Math.max(maxMin, minAfter);
    }
}
