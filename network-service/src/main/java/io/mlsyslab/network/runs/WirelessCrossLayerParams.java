package io.mlsyslab.network.runs;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.channel.FadingModel;
import io.mlsyslab.network.wireless.phy.ModeTableName;
import io.mlsyslab.network.wireless.sim.ScenarioBounds;
import io.mlsyslab.network.wireless.sim.StackPreset;
import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Params of the {@code wireless-crosslayer} run kind: a base scenario and one-at-a-time sweeps around it. A null
 * component takes its default; an empty sweep list skips that sweep.
 */
public record WirelessCrossLayerParams(
        @ParamDescription("users sharing the access point") @Min(ScenarioBounds.USERS_MIN) @Max(ScenarioBounds.USERS_MAX) Integer users,
        @ParamDescription("simulated video seconds per simulation") @DecimalMin(ScenarioBounds.DURATION_SECONDS_MIN) @DecimalMax(ScenarioBounds.DURATION_SECONDS_MAX) Double durationSeconds,
        @ParamDescription("independent seeds per point (95% CIs over them)") @Min(2) @Max(30) Integer seeds,
        @ParamDescription("first seed; seed i is baseSeed + i") Long baseSeed,
        @ParamDescription("fading model") FadingModel fading,
        @ParamDescription("AMC table") ModeTableName modeTable,
        @ParamDescription("base mean SNR (dB)") @DecimalMin(ScenarioBounds.MEAN_SNR_DB_MIN) @DecimalMax(ScenarioBounds.MEAN_SNR_DB_MAX) Double meanSnrDb,
        @ParamDescription("base Doppler frequency (Hz)") @DecimalMin(ScenarioBounds.DOPPLER_HZ_MIN) @DecimalMax(ScenarioBounds.DOPPLER_HZ_MAX) Double dopplerHz,
        @ParamDescription("base feedback delay of the channel reports (slots of 2 ms)") @Min(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MIN) @Max(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MAX) Integer feedbackDelaySlots,
        @ParamDescription("base retry limit N_max of the cross-layer stacks") @Min(ScenarioBounds.RETRY_LIMIT_MIN) @Max(ScenarioBounds.RETRY_LIMIT_MAX) Integer retryLimit,
        @ParamDescription("base playout buffer (ms)") @DecimalMin(ScenarioBounds.PLAYOUT_BUFFER_MS_MIN) @DecimalMax(ScenarioBounds.PLAYOUT_BUFFER_MS_MAX) Double playoutBufferMs,
        @ParamDescription("residual packet loss target P_loss of the cross-layer AMC") @DecimalMin(ScenarioBounds.LOSS_TARGET_MIN) @DecimalMax(ScenarioBounds.LOSS_TARGET_MAX) Double lossTarget,
        @ParamDescription("Gilbert-Elliott P(G->B) per slot; 0 turns the burst overlay off") @DecimalMin(ScenarioBounds.BURST_GOOD_TO_BAD_MIN) @DecimalMax(ScenarioBounds.BURST_GOOD_TO_BAD_MAX) Double burstGoodToBad,
        @ParamDescription("Gilbert-Elliott P(B->G) per slot") @DecimalMin(ScenarioBounds.BURST_BAD_TO_GOOD_MIN) @DecimalMax(ScenarioBounds.BURST_BAD_TO_GOOD_MAX) Double burstBadToGood,
        @ParamDescription("stacks compared (L0, L1, X and X's ablations)") @Size(min = 1, max = 8) List<StackPreset> stacks,
        @ParamDescription("mean SNR sweep (dB)") @Size(max = 12)
        List<@NotNull @DecimalMin(ScenarioBounds.MEAN_SNR_DB_MIN) @DecimalMax(ScenarioBounds.MEAN_SNR_DB_MAX) Double> meanSnrDbSweep,
        @ParamDescription("Doppler sweep (Hz)") @Size(max = 12)
        List<@NotNull @DecimalMin(ScenarioBounds.DOPPLER_HZ_MIN) @DecimalMax(ScenarioBounds.DOPPLER_HZ_MAX) Double> dopplerHzSweep,
        @ParamDescription("feedback delay sweep (slots)") @Size(max = 12)
        List<@NotNull @Min(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MIN) @Max(ScenarioBounds.FEEDBACK_DELAY_SLOTS_MAX) Integer> feedbackDelaySweep,
        @ParamDescription("retry limit sweep (cross-layer stacks)") @Size(max = 12)
        List<@NotNull @Min(ScenarioBounds.RETRY_LIMIT_MIN) @Max(ScenarioBounds.RETRY_LIMIT_MAX) Integer> retryLimitSweep,
        @ParamDescription("playout buffer sweep (ms)") @Size(max = 12)
        List<@NotNull @DecimalMin(ScenarioBounds.PLAYOUT_BUFFER_MS_MIN) @DecimalMax(ScenarioBounds.PLAYOUT_BUFFER_MS_MAX) Double> playoutBufferMsSweep) {

    /** Simulated user-seconds a run may ask for (sweep points x stacks x seeds x users x duration). */
    public static final double MAX_USER_SECONDS = 40_000;

    public WirelessCrossLayerParams {
        users = users == null ? 1 : users;
        durationSeconds = durationSeconds == null ? 10.0 : durationSeconds;
        seeds = seeds == null ? 5 : seeds;
        baseSeed = baseSeed == null ? 1L : baseSeed;
        fading = fading == null ? FadingModel.AR1 : fading;
        modeTable = modeTable == null ? ModeTableName.LZG : modeTable;
        meanSnrDb = meanSnrDb == null ? 15.0 : meanSnrDb;
        dopplerHz = dopplerHz == null ? 23.1 : dopplerHz;
        feedbackDelaySlots = feedbackDelaySlots == null ? 2 : feedbackDelaySlots;
        retryLimit = retryLimit == null ? 7 : retryLimit;
        playoutBufferMs = playoutBufferMs == null ? 200.0 : playoutBufferMs;
        lossTarget = lossTarget == null ? 1e-4 : lossTarget;
        burstGoodToBad = burstGoodToBad == null ? 0.0 : burstGoodToBad;
        burstBadToGood = burstBadToGood == null ? 0.1 : burstBadToGood;
        stacks = stacks == null ? StackPreset.standard() : noNulls(stacks, "stacks");
        meanSnrDbSweep = meanSnrDbSweep == null ? List.of(10.0, 15.0, 20.0) : noNulls(meanSnrDbSweep, "meanSnrDbSweep");
        dopplerHzSweep = dopplerHzSweep == null ? List.of(5.0, 23.1, 111.0) : noNulls(dopplerHzSweep, "dopplerHzSweep");
        feedbackDelaySweep = feedbackDelaySweep == null ? List.of(0, 2, 5) : noNulls(feedbackDelaySweep, "feedbackDelaySweep");
        retryLimitSweep = retryLimitSweep == null ? List.of(0, 1, 2, 3, 7) : noNulls(retryLimitSweep, "retryLimitSweep");
        playoutBufferMsSweep = playoutBufferMsSweep == null ? List.of(100.0, 200.0, 400.0) : noNulls(playoutBufferMsSweep, "playoutBufferMsSweep");
        // element ranges are Jakarta constraints on the type arguments (checked after binding, published in the schema);
        // here only what needs several fields at once
        check(points(meanSnrDbSweep, dopplerHzSweep, feedbackDelaySweep, retryLimitSweep, playoutBufferMsSweep) > 0,
                "meanSnrDbSweep", "at least one sweep needs values");
        int points = meanSnrDbSweep.size() + dopplerHzSweep.size() + feedbackDelaySweep.size()
                + retryLimitSweep.size() + playoutBufferMsSweep.size();
        double userSeconds = (double) points * stacks.size() * seeds * users * durationSeconds;
        if (userSeconds > MAX_USER_SECONDS) {
            throw FieldErrorException.tooLarge("durationSeconds", "sweep points x stacks x seeds x users x duration is "
                    + Math.round(userSeconds) + " simulated user-seconds, more than " + (long) MAX_USER_SECONDS);
        }
    }

    private static int points(List<?>... sweeps) {
        int n = 0;
        for (List<?> s : sweeps) {
            n += s.size();
        }
        return n;
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw FieldErrorException.invalid(field, message);
        }
    }

    /** A copy of {@code list}; a null element is a 400 naming its index. */
    private static <T> List<T> noNulls(List<T> list, String field) {
        for (int i = 0; i < list.size(); i++) {
            check(list.get(i) != null, field + "[" + i + "]", "must not be null");
        }
        return List.copyOf(list);
    }
}
