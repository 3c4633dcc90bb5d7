package io.mlsyslab.network.wireless.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * TFRC receiver (RFC 5348 sections 5 and 6). Segments arrive fragment by fragment; a segment counts as lost when one
 * of its fragments is reported lost and NDUPACK later segments have arrived (the gap is only declared once the packet
 * cannot still be in flight, so the priority scheduler's reordering creates no spurious losses). Losses whose send
 * time falls within one RTT of the current loss event's start belong to that event. The first loss event seeds the
 * history with the interval that the equation maps to the measured receive rate (section 6.3.1).
 */
public final class TfrcReceiver {

    private final int segmentBytes;
    private final LossIntervals history = new LossIntervals();
    private final Map<Long, int[]> partial = new HashMap<>();
    private final List<double[]> pendingLosses = new ArrayList<>();
    private long highestSeq = -1;
    private boolean anyLossEvent;
    private long eventStartSeq;
    private double eventStartTime;
    private long bytesSinceReport;
    private double lastReportTime = Double.NaN;
    private double firstArrivalTime = Double.NaN;
    private double lastSendTime = Double.NaN;
    private double lastArrivalTime = Double.NaN;
    private boolean newLossEvent;
    private boolean dataSinceReport;

    public TfrcReceiver(int segmentBytes) {
        this.segmentBytes = segmentBytes;
    }

    /** One PHY fragment of segment {@code seq} arrived. */
    public void fragmentDelivered(long seq, int fragmentsInSegment, int bytes, double sendTime, double now,
            double senderRtt) {
        bytesSinceReport += bytes;
        dataSinceReport = true;
        if (Double.isNaN(firstArrivalTime)) {
            firstArrivalTime = now;
            lastReportTime = now;
        }
        lastSendTime = sendTime;
        lastArrivalTime = now;
        int[] state = partial.computeIfAbsent(seq, k -> new int[] {0, 0});
        state[0]++;
        if (state[0] + state[1] == fragmentsInSegment) {
            partial.remove(seq);
            segmentResolved(seq, state[1] == 0, now, senderRtt);
        }
    }

    /**
     * A fragment of segment {@code seq} was lost. {@code visible} is false when a cross-layer hint says the loss was
     * on the radio: such a segment is neither delivered nor a congestion signal.
     */
    public void fragmentLost(long seq, int fragmentsInSegment, double sendTime, boolean visible, double now,
            double senderRtt) {
        int[] state = partial.computeIfAbsent(seq, k -> new int[] {0, 0});
        state[1]++;
        if (state[1] == 1 && visible) {
            pendingLosses.add(new double[] {seq, sendTime, 0});
        }
        if (state[0] + state[1] == fragmentsInSegment) {
            partial.remove(seq);
        }
    }

    private void segmentResolved(long seq, boolean complete, double now, double senderRtt) {
        if (!complete) {
            return;
        }
        highestSeq = Math.max(highestSeq, seq);
        for (Iterator<double[]> it = pendingLosses.iterator(); it.hasNext(); ) {
            double[] loss = it.next();
            loss[2]++;
            if (loss[2] >= TfrcSpec.NDUPACK) {
                it.remove();
                registerLoss((long) loss[0], loss[1], senderRtt);
            }
        }
    }

    private void registerLoss(long seq, double sendTime, double senderRtt) {
        if (!anyLossEvent) {
            anyLossEvent = true;
            double elapsed = Math.max(lastArrivalTime - firstArrivalTime, senderRtt);
            double receiveRate = Math.max(bytesSinceReport, segmentBytes) / Math.max(elapsed, 1e-6);
            double p = TfrcEquation.lossRateFor(segmentBytes, senderRtt, receiveRate);
            history.close(1.0 / p);
        } else if (sendTime > eventStartTime + senderRtt) {
            history.close(Math.max(1, seq - eventStartSeq));
        } else {
            return;
        }
        eventStartSeq = seq;
        eventStartTime = sendTime;
        newLossEvent = true;
    }

    public double lossEventRate() {
        if (!anyLossEvent) {
            return 0.0;
        }
        return history.lossEventRate(Math.max(1, highestSeq - eventStartSeq + 1));
    }

    /** Whether a report is due now: a new loss event asks for one at once (section 6.2). */
    public boolean wantsExpeditedReport() {
        return newLossEvent;
    }

    public boolean hasDataSinceReport() {
        return dataSinceReport;
    }

    public FeedbackReport report(double now) {
        double elapsed = Math.max(now - lastReportTime, 1e-6);
        double rate = bytesSinceReport / elapsed;
        FeedbackReport report = new FeedbackReport(rate, lossEventRate(), lastSendTime, now - lastArrivalTime);
        bytesSinceReport = 0;
        lastReportTime = now;
        newLossEvent = false;
        dataSinceReport = false;
        return report;
    }
}
