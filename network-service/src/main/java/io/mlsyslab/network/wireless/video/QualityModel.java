package io.mlsyslab.network.wireless.video;

import io.mlsyslab.contract.FieldErrorException;

/**
 * PSNR proxy (no pixels are coded): a decoded frame has the encoder's rate-distortion PSNR,
 * psnr(R) = psnrAtReference + dbPerDoubling log2(R / referenceRate), capped to [floor, max]; a frame that cannot be
 * shown is concealed by repeating the last shown one, which costs concealmentLossDb plus driftDbPerFrame for every
 * further frame of the same freeze (the error grows with motion). The constants are heuristics, not fitted to a codec.
 */
public record QualityModel(double psnrAtReferenceDb, double referenceRateBps, double dbPerDoubling, double maxPsnrDb,
        double concealmentLossDb, double driftDbPerFrame, double floorDb) {

    public static QualityModel defaults() {
        return new QualityModel(38, 2e6, 3.5, 48, 8, 1, 15);
    }

    public QualityModel {
        if (!(referenceRateBps > 0)) {
            throw new FieldErrorException("referenceRateBps", "must be > 0");
        }
        if (!(floorDb < maxPsnrDb)) {
            throw new FieldErrorException("floorDb", "must be below maxPsnrDb");
        }
        if (!(dbPerDoubling >= 0 && concealmentLossDb >= 0 && driftDbPerFrame >= 0)) {
            throw new FieldErrorException("dbPerDoubling", "slopes and losses must be >= 0");
        }
    }

    public double encodedPsnr(double rateBps) {
        double psnr = psnrAtReferenceDb + dbPerDoubling * Math.log(rateBps / referenceRateBps) / Math.log(2);
        return clamp(psnr);
    }

    /** PSNR of the k-th consecutive concealed frame (k >= 1) after a frame shown at lastShownPsnr. */
    public double concealedPsnr(double lastShownPsnr, int k) {
        return clamp(lastShownPsnr - concealmentLossDb - driftDbPerFrame * (k - 1));
    }

    private double clamp(double psnr) {
        return Math.max(floorDb, Math.min(maxPsnrDb, psnr));
    }
}
