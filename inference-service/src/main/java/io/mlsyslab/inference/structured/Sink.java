package io.mlsyslab.inference.structured;

/** Receives the configurations a byte leads to (several when an anyOf or a set of keys is still open). */
interface Sink {
    void add(Stack s);
}
