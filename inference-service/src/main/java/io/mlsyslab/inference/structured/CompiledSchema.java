package io.mlsyslab.inference.structured;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schema compiled against one vocabulary: the root node, the start configuration, and a mask cache keyed by the
 * immutable configuration set. Structural positions (after {@code {}, after a key's {@code :}, between items)
 * repeat across sequences and requests with the same schema, so their trie walks are done once; the cached walk
 * keeps each token's shortest completion so one entry serves every {@code remaining}. Thread-safe.
 */
final class CompiledSchema {
    private static final int CACHE_ENTRIES = 1024;

    /** Cache key: the configurations of one state, in the order the automaton produced them. */
    private record StateKey(Stack[] configs) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey k && Arrays.equals(configs, k.configs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(configs);
        }
    }

    final SchemaNode root;
    final TokenVocabulary vocab;
    final Stack[] start;
    private final ThreadLocal<MaskWalker> walkers;
    private final ConcurrentHashMap<StateKey, MaskWalker.Walk> cache = new ConcurrentHashMap<>();

    CompiledSchema(SchemaNode root, TokenVocabulary vocab) {
        this.root = root;
        this.vocab = vocab;
        this.start = new Stack[]{new Stack(new Frame.Start(root), Stack.DONE)};
        this.walkers = ThreadLocal.withInitial(() -> new MaskWalker(vocab));
    }

    MaskWalker walker() {
        return walkers.get();
    }

    /** The full-trie walk of {@code configs}, from the cache when another sequence was here before. */
    MaskWalker.Walk walk(Stack[] configs) {
        StateKey key = new StateKey(configs);
        MaskWalker.Walk w = cache.get(key);
        if (w == null) {
            w = walker().walk(configs);
            if (cache.size() >= CACHE_ENTRIES) {
                cache.clear(); // crude bound; the hot structural states come back at once
            }
            cache.put(key, w);
        }
        return w;
    }

    int cachedStates() {
        return cache.size();
    }
}
