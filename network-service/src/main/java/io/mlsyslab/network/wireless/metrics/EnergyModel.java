package io.mlsyslab.network.wireless.metrics;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Radio energy: every attempt (first transmission or retransmission) costs txPower for its airtime plus rxPower
 * while listening for the acknowledgement. The powers are illustrative (the digest leaves them to configuration).
 */
public record EnergyModel(double txPowerWatts, double rxPowerWatts) {

    public static EnergyModel defaults() {
        return new EnergyModel(1.0, 0.5);
    }

    public EnergyModel {
        if (!(txPowerWatts >= 0 && rxPowerWatts >= 0)) {
            throw new FieldErrorException("txPowerWatts", "powers must be >= 0");
        }
    }

    public double attemptJoules(double airtimeSeconds, double ackSeconds) {
        return txPowerWatts * airtimeSeconds + rxPowerWatts * ackSeconds;
    }
}
