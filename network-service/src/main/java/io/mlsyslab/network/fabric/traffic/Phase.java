package io.mlsyslab.network.fabric.traffic;

import io.mlsyslab.contract.FieldErrorException;

/** One lock-step step of a collective, {@code repeat} times in a row: every flow of the pattern carries flowBytes. */
public record Phase(TrafficPattern pattern, double flowBytes, long repeat) {

    public Phase {
        if (!(flowBytes > 0) || Double.isInfinite(flowBytes)) {
            throw new FieldErrorException("messageBytes", "gives a flow size of " + flowBytes + " bytes");
        }
        if (repeat < 1) {
            throw new FieldErrorException("phase", "repeat must be >= 1");
        }
    }
}
