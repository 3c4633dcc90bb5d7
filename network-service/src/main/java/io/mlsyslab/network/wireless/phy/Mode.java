package io.mlsyslab.network.wireless.phy;

import io.mlsyslab.contract.FieldErrorException;

/**
 * One transmission mode of the AMC table with the Liu-Zhou-Giannakis packet-error fit
 * PER(gamma) = min(1, a e^{-g gamma}) for linear SNR gamma.
 */
public record Mode(String name, double bitsPerSymbol, double a, double g) {

    public Mode {
        if (name == null || name.isBlank()) {
            throw new FieldErrorException("name", "must not be blank");
        }
        if (!(bitsPerSymbol > 0)) {
            throw new FieldErrorException("bitsPerSymbol", "must be > 0");
        }
        if (!(a >= 1)) {
            throw new FieldErrorException("a", "must be >= 1 (PER is 1 at zero SNR)");
        }
        if (!(g > 0)) {
            throw new FieldErrorException("g", "must be > 0");
        }
    }

    public double per(double snrLinear) {
        return Math.min(1.0, a * Math.exp(-g * snrLinear));
    }

    /** gamma_p = ln(a) / g: below it the fit says every packet is lost. */
    public double floorSnr() {
        return Math.log(a) / g;
    }

    /** gamma_n = ln(a / P0) / g: the lowest linear SNR at which this mode meets packet error rate P0. */
    public double thresholdSnr(double targetPer) {
        if (!(targetPer > 0 && targetPer <= 1)) {
            throw new FieldErrorException("targetPer", "must be in (0, 1]");
        }
        return Math.log(a / targetPer) / g;
    }
}
