package io.mlsyslab.network.api;

import java.util.List;

/**
 * Body of {@code POST /api/network/wireless/simulate}: one scenario, the stacks to compare and the seeds. Null
 * components take the defaults of the {@code wireless-crosslayer} base scenario.
 */
public record WirelessSimulateRequest(Integer users, Double durationSeconds, Integer seeds, Long baseSeed,
        String traffic, String fading, String modeTable, Double meanSnrDb, Double dopplerHz, Integer feedbackDelaySlots,
        Double estimationNoiseVariance, Integer retryLimit, Double lossTarget, Double playoutBufferMs,
        Double burstGoodToBad, Double burstBadToGood, List<String> stacks) {

    public WirelessSimulateRequest {
        users = users == null ? 1 : users;
        durationSeconds = durationSeconds == null ? 10.0 : durationSeconds;
        seeds = seeds == null ? 5 : seeds;
        baseSeed = baseSeed == null ? 1L : baseSeed;
        traffic = traffic == null ? "VIDEO" : traffic;
        fading = fading == null ? "AR1" : fading;
        modeTable = modeTable == null ? "lzg" : modeTable;
        meanSnrDb = meanSnrDb == null ? 15.0 : meanSnrDb;
        dopplerHz = dopplerHz == null ? 23.1 : dopplerHz;
        feedbackDelaySlots = feedbackDelaySlots == null ? 2 : feedbackDelaySlots;
        estimationNoiseVariance = estimationNoiseVariance == null ? 0.01 : estimationNoiseVariance;
        retryLimit = retryLimit == null ? 7 : retryLimit;
        lossTarget = lossTarget == null ? 1e-4 : lossTarget;
        playoutBufferMs = playoutBufferMs == null ? 200.0 : playoutBufferMs;
        burstGoodToBad = burstGoodToBad == null ? 0.0 : burstGoodToBad;
        burstBadToGood = burstBadToGood == null ? 0.1 : burstBadToGood;
        stacks = stacks == null ? List.of("L0", "L1", "X") : List.copyOf(stacks);
    }
}
