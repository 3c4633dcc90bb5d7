package io.mlsyslab.network.fabric.traffic;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Every rank to every other rank, computed on demand: N(N-1) flows would cost 8 bytes each if stored, which is
 * 134 MB at 4,096 ranks. Flow i is rank i / (N-1) to the (i mod (N-1))-th other rank.
 */
public final class AllToAllPattern implements TrafficPattern {

    private final int[] rankHosts;
    private final int others;

    public AllToAllPattern(int[] rankHosts) {
        this.rankHosts = rankHosts.clone();
        this.others = rankHosts.length - 1;
        if ((long) rankHosts.length * others > Integer.MAX_VALUE) {
            throw new FieldErrorException("ranks", "all-to-all over " + rankHosts.length + " ranks has too many flows");
        }
    }

    @Override
    public String label() {
        return "all-to-all";
    }

    @Override
    public int flowCount() {
        return rankHosts.length * others;
    }

    @Override
    public int src(int flow) {
        return rankHosts[flow / others];
    }

    @Override
    public int dst(int flow) {
        int s = flow / others;
        int t = flow % others;
        return rankHosts[t < s ? t : t + 1];
    }
}
