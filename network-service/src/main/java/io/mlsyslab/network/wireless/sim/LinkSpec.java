package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Link-layer settings. The default queue of 1000 packets (135 kB) holds a whole GOP burst at the top video rate (an I
 * frame of about 290 packets arrives with two B frames); 400 packets tail-dropped B frames even on a perfect channel.
 *
 * @param lossTarget P_loss after all retries; the cross-layer AMC targets P0 = P_loss^{1/(N_max+1)} per attempt.
 *     The default 1e-4 is per packet: a frame is 30 to 190 packets and one lost packet makes it undecodable, so the
 *     1% of the LZG examples would lose most frames
 * @param retryLimit N_max of the cross-layer stacks
 * @param layeredRetryLimit N_max of the layered stacks (802.11's dot11ShortRetryLimit = 7)
 * @param layeredTargetPer P0 of the layered AMC (L1), 1% as in the digest
 * @param fixedMode L0's mode, 1-based as in the digest's table (mode 3 = QPSK 3/4)
 * @param bDropOccupancy queue occupancy at which the priority queue starts dropping arriving B packets (1 = only
 *     when full, where B also goes first by push-out; 0.5 was tried and dropped too many B frames behind a large I)
 */
public record LinkSpec(int queueCapacityPackets, double lossTarget, int retryLimit, int layeredRetryLimit,
        double layeredTargetPer, int fixedMode, double bDropOccupancy) {

    public static LinkSpec defaults() {
        return new LinkSpec(1000, 1e-4, 7, 7, 0.01, 3, 1.0);
    }

    public LinkSpec {
        if (queueCapacityPackets < 1 || queueCapacityPackets > 1_000_000) {
            throw new FieldErrorException("queueCapacityPackets", "must be in [1, 1e6]");
        }
        if (!(lossTarget > 0 && lossTarget < 1)) {
            throw new FieldErrorException("lossTarget", "must be in (0, 1)");
        }
        if (retryLimit < 0 || retryLimit > 32) {
            throw new FieldErrorException("retryLimit", "must be in [0, 32]");
        }
        if (layeredRetryLimit < 0 || layeredRetryLimit > 32) {
            throw new FieldErrorException("layeredRetryLimit", "must be in [0, 32]");
        }
        if (!(layeredTargetPer > 0 && layeredTargetPer < 1)) {
            throw new FieldErrorException("layeredTargetPer", "must be in (0, 1)");
        }
        if (fixedMode < 1) {
            throw new FieldErrorException("fixedMode", "must be >= 1");
        }
        if (!(bDropOccupancy > 0 && bDropOccupancy <= 1)) {
            throw new FieldErrorException("bDropOccupancy", "must be in (0, 1]");
        }
    }

    public LinkSpec withRetryLimit(int n) {
        return new LinkSpec(queueCapacityPackets, lossTarget, n, layeredRetryLimit, layeredTargetPer, fixedMode,
                bDropOccupancy);
    }

    public LinkSpec withFixedMode(int mode) {
        return new LinkSpec(queueCapacityPackets, lossTarget, retryLimit, layeredRetryLimit, layeredTargetPer, mode,
                bDropOccupancy);
    }

    /** P0 = P_loss^{1/(N_max+1)}. */
    public double crossLayerTargetPer() {
        return Math.pow(lossTarget, 1.0 / (retryLimit + 1));
    }
}
