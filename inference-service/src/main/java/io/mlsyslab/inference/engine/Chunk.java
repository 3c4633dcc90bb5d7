package io.mlsyslab.inference.engine;

/** Positions {@code [start, start + length)} of one sequence scheduled in one iteration. */
record Chunk(Sequence seq, int start, int length, boolean emits, boolean emitAll) {
    boolean decode() {
        return length == 1 && start >= seq.promptLen;
    }
}
