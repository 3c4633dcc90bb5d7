package io.mlsyslab.network.wireless.video;

import io.mlsyslab.contract.FieldErrorException;

/**
 * The video source and its quality proxy.
 *
 * @param gop display-order GOP pattern starting with I, e.g. IBBPBBPBBPBB (open GOP: trailing B frames also
 *     reference the next I)
 * @param sizeRatioI relative size of an I frame (I:P:B = sizeRatioI : sizeRatioP : 1)
 * @param sizeCv coefficient of variation of frame sizes (log-normal)
 * @param minRateBps encoder rate floor, whatever TFRC allows
 * @param maxRateBps encoder rate ceiling (the content's full quality)
 * @param playoutBufferSeconds playout delay on top of the reordering delay
 * @param quality PSNR proxy parameters
 */
public record VideoSpec(double fps, String gop, double sizeRatioI, double sizeRatioP, double sizeCv, double minRateBps,
        double maxRateBps, double playoutBufferSeconds, QualityModel quality) {

    public static VideoSpec defaults() {
        return new VideoSpec(30, "IBBPBBPBBPBB", 6, 3, 0.1, 250e3, 3e6, 0.2, QualityModel.defaults());
    }

    public VideoSpec {
        if (!(fps > 0 && fps <= 240)) {
            throw new FieldErrorException("fps", "must be in (0, 240]");
        }
        if (gop == null || gop.isEmpty() || gop.charAt(0) != 'I' || !gop.matches("[IPB]+")) {
            throw new FieldErrorException("gop", "must start with I and contain only I, P, B");
        }
        if (!(sizeRatioI > 0 && sizeRatioP > 0)) {
            throw new FieldErrorException("sizeRatioI", "I and P size ratios must be > 0");
        }
        if (!(sizeCv >= 0 && sizeCv <= 2)) {
            throw new FieldErrorException("sizeCv", "must be in [0, 2]");
        }
        if (!(minRateBps > 0 && maxRateBps >= minRateBps)) {
            throw new FieldErrorException("minRateBps", "must be > 0 and <= maxRateBps");
        }
        if (!(playoutBufferSeconds >= 0 && playoutBufferSeconds <= 10)) {
            throw new FieldErrorException("playoutBufferSeconds", "must be in [0, 10]");
        }
        if (quality == null) {
            throw new FieldErrorException("quality", "must not be null");
        }
    }

    public VideoSpec withPlayoutBuffer(double seconds) {
        return new VideoSpec(fps, gop, sizeRatioI, sizeRatioP, sizeCv, minRateBps, maxRateBps, seconds, quality);
    }

    public VideoSpec withMaxRate(double bps) {
        return new VideoSpec(fps, gop, sizeRatioI, sizeRatioP, sizeCv, Math.min(minRateBps, bps), bps,
                playoutBufferSeconds, quality);
    }

    public double sizeWeight(FrameType type) {
        return switch (type) {
            case I -> sizeRatioI;
            case P -> sizeRatioP;
            case B -> 1.0;
        };
    }
}
