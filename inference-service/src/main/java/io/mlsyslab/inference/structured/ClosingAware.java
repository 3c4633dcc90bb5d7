package io.mlsyslab.inference.structured;

/** A constraint that knows how many bytes its shortest completion takes (for a wrapper's closing rule). */
interface ClosingAware {
    int minCompletionBytes();
}
