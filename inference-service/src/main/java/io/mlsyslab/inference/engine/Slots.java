package io.mlsyslab.inference.engine;

import java.util.BitSet;

/**
 * Decoder slots: which sequence holds which slot of the KV cache, and the backend's slot lifecycle (a remote KV
 * store opens and deletes a stored sequence per slot). Engine thread only.
 */
final class Slots {
    private final BitSet free;
    private final PagedKvCache cache;
    private final SlotLifecycle lifecycle;

    /** @param lifecycle the backend's lifecycle hooks, or null */
    Slots(int count, PagedKvCache cache, SlotLifecycle lifecycle) {
        this.free = new BitSet(count);
        free.set(0, count);
        this.cache = cache;
        this.lifecycle = lifecycle;
    }

    /** Gives the sequence a slot if it has none. */
    void assign(Sequence s) {
        if (s.slot >= 0) {
            return;
        }
        s.slot = free.nextSetBit(0);
        free.clear(s.slot);
        if (lifecycle != null) {
            lifecycle.opened(s.slot);
        }
    }

    /** Frees the sequence's slot and KV pages (no-op without a slot). */
    void release(Sequence s) {
        if (s.slot >= 0) {
            cache.release(s.slot);
            if (lifecycle != null) {
                lifecycle.released(s.slot);
            }
            free.set(s.slot);
            s.slot = -1;
        }
        s.pagesHeld = 0;
    }
}
