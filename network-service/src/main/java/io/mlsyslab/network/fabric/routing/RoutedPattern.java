package io.mlsyslab.network.fabric.routing;

/**
 * One traffic pattern after routing. Link loads are exact: link l carries {@code linkUnits[l] / denominator} times
 * the pattern's flow size, so congestion can be compared between policies without rounding.
 *
 * @param flows         the (sub-)flows for the fluid simulation, or {@code null} when not recorded
 * @param extraSubFlows sub-flows beyond one per flow (splitting, queue pairs)
 * @param maxHops       most links any flow crosses host to host (for the per-hop latency term)
 * @param optimal       false when a policy fell back to a heuristic (single path with failures or on a fat-tree)
 */
public record RoutedPattern(long denominator, long[] linkUnits, FlowTable flows, long extraSubFlows, int maxHops,
                            boolean optimal) {
}
