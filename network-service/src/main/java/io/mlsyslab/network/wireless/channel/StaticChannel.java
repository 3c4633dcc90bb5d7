package io.mlsyslab.network.wireless.channel;

/** A channel that never fades: h = 1. */
public final class StaticChannel implements FadingProcess {

    @Override
    public void advance() {
    }

    @Override
    public double re() {
        return 1.0;
    }

    @Override
    public double im() {
        return 0.0;
    }

    @Override
    public double lagOneCorrelation() {
        return 1.0;
    }
}
