package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.csi.CsiSource;

/**
 * A protocol stack: which cross-layer mechanisms are on.
 *
 * @param adaptiveModulation false: the fixed mode of {@link LinkSpec#fixedMode()} whatever the channel
 * @param csi what the AMC knows about the current slot
 * @param targetFromRetries true: P0 = P_loss^{1/(N_max+1)} (AMC relaxed by the retries the link will make);
 *     false: the layered 1% target
 * @param crossLayerRetries true: N_max = retryLimit and a retry is skipped when it cannot arrive before the frame's
 *     deadline; false: blind retries up to layeredRetryLimit
 * @param priorityScheduling true: I > P > B, EDF within a type, B dropped under backlog, cross-user EDF;
 *     false: FIFO per user, round robin between users
 * @param lossDifferentiation true: TFRC is told which losses were on the radio and ignores them
 */
public record Stack(String name, boolean adaptiveModulation, CsiSource csi, boolean targetFromRetries,
        boolean crossLayerRetries, boolean priorityScheduling, boolean lossDifferentiation) {

    public Stack {
        if (name == null || name.isBlank()) {
            throw new FieldErrorException("name", "must not be blank");
        }
        if (csi == null) {
            throw new FieldErrorException("csi", "must not be null");
        }
    }

    public int retryLimit(LinkSpec link) {
        return crossLayerRetries ? link.retryLimit() : link.layeredRetryLimit();
    }

    public double targetPer(LinkSpec link) {
        return targetFromRetries ? link.crossLayerTargetPer() : link.layeredTargetPer();
    }
}
