package io.mlsyslab.network.wireless.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one simulation (one stack, one seed) measured, summed or averaged over its users. Rates are over the simulated
 * horizon; video metrics are NaN for saturated traffic.
 *
 * @param goodputBps payload bits delivered per second (late ones included)
 * @param usefulGoodputBps bits of frames that were shown, per second
 * @param spectralEfficiency delivered payload bits per symbol of the horizon (b/s/Hz)
 * @param servedSpectralEfficiency LZG's definition: packets finished (delivered or given up) times their bits per symbol
 * @param averagePer failed attempts / attempts
 * @param residualLoss packets lost on the radio after their last attempt / packets whose attempts ended
 * @param packetLoss packets that never arrived (any cause) / packets offered to the access point
 * @param retransmissionsPerPacket attempts beyond the first per packet transmitted at least once
 * @param decodableFrameRate shown frames per second per user
 * @param tfrcRateBps time-average TFRC allowed rate per user
 * @param videoRateBps encoded video bits per second per user
 * @param linkCapacityBps mean rate a genie AMC at 1% PER would offer the user with the best channel each slot
 */
public record SimulationMetrics(double goodputBps, double usefulGoodputBps, double spectralEfficiency,
        double servedSpectralEfficiency, double averagePer, double residualLoss, double packetLoss,
        double retransmissionsPerPacket, double deadlineMissRate, double missRateI, double missRateP, double missRateB,
        double decodableFrameRate, double psnrMeanDb, double psnrP10Db, double mos, double delayMeanMs,
        double delayP95Ms, double delayP99Ms, double jitterMs, double stalls, double stallSeconds,
        double energyPerDeliveredBitNj, double energyPerUsefulBitNj, double tfrcRateBps, double videoRateBps,
        double linkCapacityBps, double queueDrops, double priorityDrops, double deadlineDrops, double radioDrops) {

    /** Every metric by name, in declaration order (for aggregation over seeds and for charts). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("goodputBps", goodputBps);
        m.put("usefulGoodputBps", usefulGoodputBps);
        m.put("spectralEfficiency", spectralEfficiency);
        m.put("servedSpectralEfficiency", servedSpectralEfficiency);
        m.put("averagePer", averagePer);
        m.put("residualLoss", residualLoss);
        m.put("packetLoss", packetLoss);
        m.put("retransmissionsPerPacket", retransmissionsPerPacket);
        m.put("deadlineMissRate", deadlineMissRate);
        m.put("missRateI", missRateI);
        m.put("missRateP", missRateP);
        m.put("missRateB", missRateB);
        m.put("decodableFrameRate", decodableFrameRate);
        m.put("psnrMeanDb", psnrMeanDb);
        m.put("psnrP10Db", psnrP10Db);
        m.put("mos", mos);
        m.put("delayMeanMs", delayMeanMs);
        m.put("delayP95Ms", delayP95Ms);
        m.put("delayP99Ms", delayP99Ms);
        m.put("jitterMs", jitterMs);
        m.put("stalls", stalls);
        m.put("stallSeconds", stallSeconds);
        m.put("energyPerDeliveredBitNj", energyPerDeliveredBitNj);
        m.put("energyPerUsefulBitNj", energyPerUsefulBitNj);
        m.put("tfrcRateBps", tfrcRateBps);
        m.put("videoRateBps", videoRateBps);
        m.put("linkCapacityBps", linkCapacityBps);
        m.put("queueDrops", queueDrops);
        m.put("priorityDrops", priorityDrops);
        m.put("deadlineDrops", deadlineDrops);
        m.put("radioDrops", radioDrops);
        return m;
    }
}
