package io.mlsyslab.network.wireless.transport;

/**
 * A TFRC receiver report (RFC 5348 section 6.2): the receive rate since the last report, the loss event rate, and
 * the timestamp echo that lets the sender measure the RTT.
 */
public record FeedbackReport(double receiveRateBytesPerSecond, double lossEventRate, double echoedSendTime,
        double receiverHoldSeconds) {}
