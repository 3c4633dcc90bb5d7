package io.mlsyslab.network.fabric.traffic;

/**
 * The connections of one lock-step phase: flow i goes from host {@link #src(int)} to host {@link #dst(int)}, never to
 * itself. All flows of a phase have the same size, so a pattern is routed once and reused by every phase (and
 * repetition) that shares it.
 */
public sealed interface TrafficPattern permits ExplicitPattern, AllToAllPattern {

    String label();

    int flowCount();

    int src(int flow);

    int dst(int flow);
}
