package io.mlsyslab.network.api;

import io.mlsyslab.network.wireless.sim.ScenarioBounds;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * Body of {@code POST /api/network/wireless/simulate}: one scenario, the stacks to compare and the seeds. Null
 * components take the defaults of the {@code wireless-crosslayer} base scenario, and the ranges are its
 * ({@link ScenarioBounds}): a value outside is a 400 naming it. How much one request simulates is bounded apart
 * ({@link WirelessLimits}, 413).
 */
public record WirelessSimulateRequest(
        @Min(ScenarioBounds.USERS_MIN) @Max(ScenarioBounds.USERS_MAX) Integer users,
        @DecimalMin(ScenarioBounds.DURATION_SECONDS_MIN) @DecimalMax(ScenarioBounds.DURATION_SECONDS_MAX) Double durationSeconds,
        Integer seeds, Long baseSeed, String traffic, String fading, String modeTable,
        @DecimalMin(ScenarioBounds.MEAN_SNR_DB_MIN) @DecimalMax(ScenarioBounds.MEAN_SNR_DB_MAX) Double meanSnrDb,
        @DecimalMin(ScenarioBounds.DOPPLER_HZ_MIN) @DecimalMax(ScenarioBounds.DOPPLER_HZ_MAX) Double dopplerHz,
        @Min(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MIN) @Max(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MAX) Integer feedbackDelaySlots,
        @DecimalMin(ScenarioBounds.ESTIMATION_NOISE_VARIANCE_MIN) @DecimalMax(ScenarioBounds.ESTIMATION_NOISE_VARIANCE_MAX)
        Double estimationNoiseVariance,
        @Min(ScenarioBounds.RETRY_LIMIT_MIN) @Max(ScenarioBounds.RETRY_LIMIT_MAX) Integer retryLimit,
        @DecimalMin(ScenarioBounds.LOSS_TARGET_MIN) @DecimalMax(ScenarioBounds.LOSS_TARGET_MAX) Double lossTarget,
        @DecimalMin(ScenarioBounds.PLAYOUT_BUFFER_MS_MIN) @DecimalMax(ScenarioBounds.PLAYOUT_BUFFER_MS_MAX) Double playoutBufferMs,
        @DecimalMin(ScenarioBounds.BURST_GOOD_TO_BAD_MIN) @DecimalMax(ScenarioBounds.BURST_GOOD_TO_BAD_MAX) Double burstGoodToBad,
        @DecimalMin(ScenarioBounds.BURST_BAD_TO_GOOD_MIN) @DecimalMax(ScenarioBounds.BURST_BAD_TO_GOOD_MAX) Double burstBadToGood,
        List<String> stacks) {

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
