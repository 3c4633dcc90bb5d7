package io.mlsyslab.inference.engine;

/**
 * Implemented by an attention backend that keeps per-sequence state outside the engine's paged cache (a remote KV
 * store): the engine tells it when a sequence takes a decoder slot (before the slot's first row runs) and when the
 * slot is given up (the sequence finished, was aborted, its client disconnected, or it was preempted and will be
 * recomputed from position 0 in a fresh slot). Both are called on the engine's scheduler thread while no batch
 * that uses the slot runs.
 */
public interface SlotLifecycle {
    /** The slot starts an empty sequence. */
    void opened(int slot);

    /** The slot's sequence is gone; must not throw (best effort). */
    void released(int slot);
}
