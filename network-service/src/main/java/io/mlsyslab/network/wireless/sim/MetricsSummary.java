package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.link.DropCause;
import io.mlsyslab.network.wireless.metrics.Samples;
import io.mlsyslab.network.wireless.video.FrameType;
import io.mlsyslab.network.wireless.video.PlayoutEvaluator;

/** Turns the counters and the per-user playout outcomes of one simulation into {@link SimulationMetrics}. */
final class MetricsSummary {

    private static final int STALL_MIN_FRAMES = 3;

    private MetricsSummary() {
    }

    static SimulationMetrics summarize(ScenarioConfig cfg, UserSession[] users, LinkCounters c, double horizon,
            long slots) {
        double symbols = (double) slots * cfg.phy().symbolsPerSlot();
        double duration = slots * cfg.phy().slotSeconds();
        long radio = c.drops(DropCause.RADIO);
        long finished = c.delivered + radio;
        double goodput = c.deliveredBits / duration;
        double spectral = c.deliveredBits / symbols;
        double served = (double) finished * cfg.phy().packetBits() / symbols;
        double averagePer = ratio(c.failedAttempts, c.attempts);
        double residual = ratio(radio, finished);
        double packetLoss = ratio(c.allDrops(), c.offered);
        double retransmissions = ratio(c.attempts - c.transmittedPackets, c.transmittedPackets);
        double delayMean = c.delays.mean() * 1e3;
        double delayP95 = c.delays.quantile(0.95) * 1e3;
        double delayP99 = c.delays.quantile(0.99) * 1e3;
        double capacity = c.capacityBits / duration;
        double energyPerBit = c.energyJoules / c.deliveredBits * 1e9;
        if (cfg.traffic() != Traffic.VIDEO) {
            return new SimulationMetrics(goodput, Double.NaN, spectral, served, averagePer, residual, packetLoss,
                    retransmissions, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, delayMean, delayP95, delayP99, Double.NaN, Double.NaN, Double.NaN, energyPerBit,
                    Double.NaN, Double.NaN, Double.NaN, capacity, c.drops(DropCause.QUEUE_OVERFLOW),
                    c.drops(DropCause.PRIORITY), c.drops(DropCause.DEADLINE), radio);
        }
        int frames = 0;
        int missed = 0;
        int[] byType = new int[3];
        int[] missedByType = new int[3];
        Samples psnr = new Samples();
        double mosSum = 0;
        int stalls = 0;
        double stallSeconds = 0;
        long usefulBits = 0;
        double jitter = 0;
        double tfrcRate = 0;
        double videoRate = 0;
        for (UserSession u : users) {
            PlayoutEvaluator.Outcome o = PlayoutEvaluator.evaluate(u.frames, cfg.video(), horizon, STALL_MIN_FRAMES);
            frames += o.frames();
            missed += o.missed();
            for (int t = 0; t < 3; t++) {
                byType[t] += o.framesByType()[t];
                missedByType[t] += o.missedByType()[t];
            }
            for (double v : o.psnr()) {
                psnr.add(v);
            }
            mosSum += o.meanMos() * o.frames();
            stalls += o.stalls();
            stallSeconds += o.stallSeconds();
            usefulBits += o.usefulBits();
            jitter += u.jitter.jitter();
            tfrcRate += 8 * u.sender.meanRate(0, horizon);
            videoRate += u.encodedBits / duration;
        }
        int n = users.length;
        double streamSeconds = frames / (double) n / cfg.video().fps();
        return new SimulationMetrics(goodput, usefulBits / duration, spectral, served, averagePer, residual, packetLoss,
                retransmissions, ratio(missed, frames), ratio(missedByType[FrameType.I.ordinal()], byType[0]),
                ratio(missedByType[FrameType.P.ordinal()], byType[1]),
                ratio(missedByType[FrameType.B.ordinal()], byType[2]),
                (frames - missed) / (double) n / streamSeconds, psnr.mean(), psnr.quantile(0.10), mosSum / frames,
                delayMean, delayP95, delayP99, jitter / n * 1e3, stalls, stallSeconds, energyPerBit,
                c.energyJoules / usefulBits * 1e9, tfrcRate / n, videoRate / n, capacity,
                c.drops(DropCause.QUEUE_OVERFLOW), c.drops(DropCause.PRIORITY), c.drops(DropCause.DEADLINE), radio);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? (a == 0 ? 0.0 : Double.NaN) : a / b;
    }
}
