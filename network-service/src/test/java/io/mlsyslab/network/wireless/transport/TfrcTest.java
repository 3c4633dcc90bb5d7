package io.mlsyslab.network.wireless.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.Reference;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TfrcTest {

    private static double threeSignificant(double v) {
        return new BigDecimal(v).round(new MathContext(3)).doubleValue();
    }

    @Test
    void equationReproducesIndependentReferenceToThreeSignificantFigures() {
        for (JsonNode c : Reference.get("tfrc")) {
            double expected = c.get("rate").asDouble();
            double actual = TfrcEquation.rateBytesPerSecond(c.get("s").asDouble(), c.get("rtt").asDouble(),
                    c.get("p").asDouble());
            assertEquals(threeSignificant(expected), threeSignificant(actual), 0.0, c.toString());
            assertEquals(expected, actual, 1e-12 * expected, c.toString());
        }
    }

    @Test
    void equationReproducesTheDigestExamples() {
        // s = 1460 B, R = 100 ms: 4.48, 1.31, 0.43 Mb/s at p = 0.001, 0.01, 0.05 (digest section 3)
        assertEquals(4.48, threeSignificant(TfrcEquation.rateBytesPerSecond(1460, 0.1, 0.001) * 8 / 1e6), 0.0);
        assertEquals(1.31, threeSignificant(TfrcEquation.rateBytesPerSecond(1460, 0.1, 0.01) * 8 / 1e6), 0.0);
        assertEquals(0.43, TfrcEquation.rateBytesPerSecond(1460, 0.1, 0.05) * 8 / 1e6, 0.005);
        for (JsonNode c : Reference.get("tfrcDigestExamplesMbps")) {
            assertEquals(c.get("mbps").asDouble(),
                    TfrcEquation.rateBytesPerSecond(1460, 0.1, c.get("p").asDouble()) * 8 / 1e6, 1e-9);
        }
    }

    @Test
    void lossRateInvertsTheEquation() {
        for (double p : new double[] {1e-5, 1e-3, 0.02, 0.2}) {
            double x = TfrcEquation.rateBytesPerSecond(1350, 0.05, p);
            assertEquals(p, TfrcEquation.lossRateFor(1350, 0.05, x), 1e-9 * p);
        }
    }

    @Test
    void equationRejectsNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfrcEquation.rateBytesPerSecond(1460, 0.1, 0));
        assertTrue(e.getMessage().startsWith("lossEventRate:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfrcEquation.rateBytesPerSecond(1460, 0, 0.1))
                .getMessage().startsWith("rttSeconds:"));
    }

    @Test
    void lossIntervalAverageMatchesRfc5348Transcription() {
        for (JsonNode c : Reference.get("lossIntervals")) {
            double[] intervals = new double[c.get("intervals").size()];
            for (int i = 0; i < intervals.length; i++) {
                intervals[i] = c.get("intervals").get(i).asDouble();
            }
            assertEquals(c.get("mean").asDouble(), LossIntervals.meanInterval(intervals), 1e-12, c.toString());
        }
    }

    @Test
    void lossIntervalHistoryKeepsEightNewestAndUsesOpenIntervalOnlyWhenItRaisesTheMean() {
        LossIntervals history = new LossIntervals();
        assertEquals(0.0, history.lossEventRate(50), 0.0);
        for (int i = 1; i <= 10; i++) {
            history.close(100 * i); // 100..1000; only 300..1000 survive, newest first: 1000, 900, ..., 300
        }
        double wTot = 6.0;
        double tot1 = 1000 + 900 + 800 + 700 + 0.8 * 600 + 0.6 * 500 + 0.4 * 400 + 0.2 * 300;
        assertEquals(wTot / tot1, history.lossEventRate(1), 1e-15, "short open interval is ignored");
        double tot0 = 5000 + 1000 + 900 + 800 + 0.8 * 700 + 0.6 * 600 + 0.4 * 500 + 0.2 * 400;
        assertEquals(wTot / tot0, history.lossEventRate(5000), 1e-15, "long open interval counts");
    }

    @Test
    void receiverGroupsLossesWithinOneRttIntoOneEvent() {
        TfrcReceiver rx = new TfrcReceiver(1000);
        double rtt = 0.1;
        long seq = 0;
        double t = 0;
        // 200 clean segments at 1 ms spacing
        for (; seq < 200; seq++, t += 0.001) {
            rx.fragmentDelivered(seq, 1, 1000, t, t + 0.01, rtt);
        }
        // two losses 5 ms apart (same event), then more arrivals so NDUPACK declares them
        rx.fragmentLost(seq++, 1, t, true, t, rtt);
        t += 0.005;
        rx.fragmentLost(seq++, 1, t, true, t, rtt);
        assertEquals(0.0, rx.lossEventRate(), 0.0, "not declared before NDUPACK later arrivals");
        for (int k = 0; k < 3; k++, seq++, t += 0.001) {
            rx.fragmentDelivered(seq, 1, 1000, t, t + 0.01, rtt);
        }
        assertTrue(rx.wantsExpeditedReport());
        double p1 = rx.lossEventRate();
        // RFC 5348 6.3.1: the first interval is the one the equation maps to the receive rate (1000 B per 1 ms)
        assertEquals(1e6, TfrcEquation.rateBytesPerSecond(1000, rtt, p1), 0.05e6);
        rx.report(t);
        assertFalse(rx.wantsExpeditedReport());
        // a third loss 0.8 s later starts a new event
        for (int k = 0; k < 800; k++, seq++, t += 0.001) {
            rx.fragmentDelivered(seq, 1, 1000, t, t + 0.01, rtt);
        }
        long lostSeq = seq++;
        rx.fragmentLost(lostSeq, 1, t, true, t, rtt);
        for (int k = 0; k < 3; k++, seq++, t += 0.001) {
            rx.fragmentDelivered(seq, 1, 1000, t, t + 0.01, rtt);
        }
        assertTrue(rx.wantsExpeditedReport(), "a loss more than one RTT after the event start opens a new event");
        // closed intervals now: 1005 - 200 = 805 (newest) and the synthetic 1/p1; open interval 1008 - 1005 + 1 = 4
        // is shorter than both, so I_mean = (805 + 1/p1) / 2 by the I_tot1 branch
        assertEquals(2.0 / (805 + 1 / p1), rx.lossEventRate(), 1e-12 * rx.lossEventRate());
    }

    @Test
    void hiddenRadioLossesAreNotLossEvents() {
        TfrcReceiver rx = new TfrcReceiver(1000);
        long seq = 0;
        for (; seq < 50; seq++) {
            rx.fragmentDelivered(seq, 1, 1000, seq * 0.001, seq * 0.001 + 0.01, 0.05);
        }
        rx.fragmentLost(seq++, 1, 0.05, false, 0.05, 0.05);
        for (int k = 0; k < 10; k++, seq++) {
            rx.fragmentDelivered(seq, 1, 1000, seq * 0.001, seq * 0.001 + 0.01, 0.05);
        }
        assertEquals(0.0, rx.lossEventRate(), 0.0);
        assertFalse(rx.wantsExpeditedReport());
    }

    @Test
    void senderSlowStartsThenFollowsTheEquationAndHalvesWithoutFeedback() {
        TfrcSender tx = new TfrcSender(1000, 0.1, 0.0);
        double initial = tx.rateBytesPerSecond();
        assertEquals(4000 / 0.1, initial, 1e-9, "W_init = min(4s, max(2s, 4380)) per RTT");
        tx.onReport(new FeedbackReport(1e6, 0.0, 0.0, 0.0), 0.1);
        assertEquals(0.1, tx.rtt(), 1e-12);
        assertEquals(2 * initial, tx.rateBytesPerSecond(), 1e-9, "slow start doubles (receive limit 2 MB/s)");
        tx.onReport(new FeedbackReport(1e6, 0.01, 0.1, 0.0), 0.2);
        double expected = Math.min(TfrcEquation.rateBytesPerSecond(1000, 0.1, 0.01), 2e6);
        assertEquals(expected, tx.rateBytesPerSecond(), 1e-6);
        double deadline = tx.noFeedbackDeadline();
        assertEquals(0.2 + Math.max(0.4, 2 * 1000 / expected), deadline, 1e-12);
        tx.onNoFeedback(deadline);
        assertEquals(expected / 2, tx.rateBytesPerSecond(), 1e-6);
    }
}
