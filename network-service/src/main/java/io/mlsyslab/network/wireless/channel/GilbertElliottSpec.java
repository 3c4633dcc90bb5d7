package io.mlsyslab.network.wireless.channel;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Parameters of the Gilbert-Elliott overlay; Gilbert's original model has successInGood k = 1 and successInBad h = 0.5.
 */
public record GilbertElliottSpec(double goodToBad, double badToGood, double successInGood, double successInBad) {

    public GilbertElliottSpec {
        if (!(goodToBad > 0 && goodToBad <= 1)) {
            throw new FieldErrorException("goodToBad", "must be in (0, 1]");
        }
        if (!(badToGood > 0 && badToGood <= 1)) {
            throw new FieldErrorException("badToGood", "must be in (0, 1]");
        }
        if (!(successInGood >= 0 && successInGood <= 1)) {
            throw new FieldErrorException("successInGood", "must be in [0, 1]");
        }
        if (!(successInBad >= 0 && successInBad <= 1)) {
            throw new FieldErrorException("successInBad", "must be in [0, 1]");
        }
    }

    public static GilbertElliottSpec gilbert(double goodToBad, double badToGood) {
        return new GilbertElliottSpec(goodToBad, badToGood, 1.0, 0.5);
    }

    public double stationaryBad() {
        return goodToBad / (goodToBad + badToGood);
    }

    public double meanBurstSlots() {
        return 1.0 / badToGood;
    }

    /** pi_G (1 - k) + pi_B (1 - h). */
    public double erasureRate() {
        double piB = stationaryBad();
        return (1 - piB) * (1 - successInGood) + piB * (1 - successInBad);
    }
}
