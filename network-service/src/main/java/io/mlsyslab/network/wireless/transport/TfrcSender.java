package io.mlsyslab.network.wireless.transport;

/**
 * TFRC sender rate control (RFC 5348 section 4): slow start doubling per RTT while no loss was reported, the
 * throughput equation once p > 0, both capped at twice the receive rate; if no report arrives for
 * max(4R, 2s/X) the rate halves (the no-feedback timer).
 */
public final class TfrcSender {

    private final int segmentBytes;
    private double rate;
    private double rtt;
    private boolean rttMeasured;
    private double lastDoubling = Double.NEGATIVE_INFINITY;
    private double previousReceiveRate;
    private double noFeedbackDeadline;
    private double rateIntegral;
    private double lastChange;

    public TfrcSender(int segmentBytes, double initialRtt, double now) {
        this.segmentBytes = segmentBytes;
        this.rtt = initialRtt;
        this.rate = initialWindow() / initialRtt;
        this.noFeedbackDeadline = now + 2 * initialRtt;
        this.lastChange = now;
    }

    /** W_init = min(4s, max(2s, 4380 bytes)) per RTT (RFC 5348 section 4.2). */
    private double initialWindow() {
        return Math.min(4.0 * segmentBytes, Math.max(2.0 * segmentBytes, 4380.0));
    }

    public double rateBytesPerSecond() {
        return rate;
    }

    public double rtt() {
        return rtt;
    }

    public double noFeedbackDeadline() {
        return noFeedbackDeadline;
    }

    public void onReport(FeedbackReport report, double now) {
        double sample = Math.max(1e-6, now - report.echoedSendTime() - report.receiverHoldSeconds());
        rtt = rttMeasured ? 0.9 * rtt + 0.1 * sample : sample;
        rttMeasured = true;
        double receiveLimit = 2.0 * Math.max(report.receiveRateBytesPerSecond(), previousReceiveRate);
        previousReceiveRate = report.receiveRateBytesPerSecond();
        double floor = segmentBytes / TfrcSpec.MAX_BACKOFF_SECONDS;
        double next;
        if (report.lossEventRate() > 0) {
            double equation = TfrcEquation.rateBytesPerSecond(segmentBytes, rtt, report.lossEventRate());
            next = Math.max(Math.min(equation, receiveLimit), floor);
        } else if (now - lastDoubling >= rtt) {
            next = Math.max(Math.min(2 * rate, receiveLimit), initialWindow() / rtt);
            lastDoubling = now;
        } else {
            next = rate;
        }
        setRate(next, now);
        armTimer(now);
    }

    /** The no-feedback timer fired: halve the rate (RFC 5348 section 4.4, simplified to the halving it prescribes). */
    public void onNoFeedback(double now) {
        setRate(Math.max(rate / 2, segmentBytes / TfrcSpec.MAX_BACKOFF_SECONDS), now);
        armTimer(now);
    }

    private void armTimer(double now) {
        noFeedbackDeadline = now + Math.max(4 * rtt, 2.0 * segmentBytes / rate);
    }

    private void setRate(double next, double now) {
        rateIntegral += rate * (now - lastChange);
        lastChange = now;
        rate = next;
    }

    /** Time-average of the allowed rate (bytes/s) from the start until {@code now}. */
    public double meanRate(double start, double now) {
        double total = rateIntegral + rate * (now - lastChange);
        return now > start ? total / (now - start) : rate;
    }
}
