package io.mlsyslab.network.wireless.transport;

import io.mlsyslab.contract.FieldErrorException;

/**
 * TFRC and path parameters. A transport segment of {@code segmentBytes} is what TFRC counts (its s and its packet
 * sequence); the link fragments it into PHY packets and the segment is lost when any fragment is.
 *
 * @param segmentBytes TFRC segment size s (rounded up to whole PHY packets)
 * @param wiredDelaySeconds one-way delay from the sender to the access point
 * @param reverseDelaySeconds one-way delay of receiver feedback back to the sender
 * @param initialRttSeconds RTT assumed before the first sample (RFC 5348 allows one from connection setup)
 */
public record TfrcSpec(int segmentBytes, double wiredDelaySeconds, double reverseDelaySeconds, double initialRttSeconds) {

    /** RFC 5348 NDUPACK: a segment is declared lost after this many later segments arrived. */
    public static final int NDUPACK = 3;
    /** RFC 5348 t_mbi: the rate never drops below one segment per 64 s. */
    public static final double MAX_BACKOFF_SECONDS = 64.0;

    public static TfrcSpec defaults() {
        return new TfrcSpec(1350, 0.01, 0.01, 0.05);
    }

    public TfrcSpec {
        if (segmentBytes < 1 || segmentBytes > 65535) {
            throw new FieldErrorException("segmentBytes", "must be in [1, 65535]");
        }
        if (!(wiredDelaySeconds >= 0 && wiredDelaySeconds <= 1)) {
            throw new FieldErrorException("wiredDelaySeconds", "must be in [0, 1]");
        }
        if (!(reverseDelaySeconds >= 0 && reverseDelaySeconds <= 1)) {
            throw new FieldErrorException("reverseDelaySeconds", "must be in [0, 1]");
        }
        if (!(initialRttSeconds > 0 && initialRttSeconds <= 5)) {
            throw new FieldErrorException("initialRttSeconds", "must be in (0, 5]");
        }
    }
}
