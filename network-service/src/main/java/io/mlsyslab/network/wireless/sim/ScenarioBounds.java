package io.mlsyslab.network.wireless.sim;

/**
 * The one source of the ranges of a wireless scenario's knobs: the {@code wireless-crosslayer} run kind's constraints
 * and the synchronous {@code POST /wireless/simulate} body check the same values. How much one request may simulate
 * (users x duration x seeds x stacks) is a separate work budget of each. Strings, as Jakarta's
 * {@code @DecimalMin}/{@code @DecimalMax} need constants.
 */
public final class ScenarioBounds {

    public static final int USERS_MIN = 1;
    public static final int USERS_MAX = 8;
    public static final String DURATION_SECONDS_MIN = "1";
    public static final String DURATION_SECONDS_MAX = "60";
    public static final String MEAN_SNR_DB_MIN = "-5";
    public static final String MEAN_SNR_DB_MAX = "40";
    public static final String DOPPLER_HZ_MIN = "0";
    public static final String DOPPLER_HZ_MAX = "1000";
    public static final int FEEDBACK_DELAY_SLOTS_MIN = 0;
    public static final int FEEDBACK_DELAY_SLOTS_MAX = 100;
    public static final int RETRY_LIMIT_MIN = 0;
    public static final int RETRY_LIMIT_MAX = 16;
    public static final String PLAYOUT_BUFFER_MS_MIN = "0";
    public static final String PLAYOUT_BUFFER_MS_MAX = "2000";
    public static final String LOSS_TARGET_MIN = "1e-8";
    public static final String LOSS_TARGET_MAX = "0.5";
    public static final String BURST_GOOD_TO_BAD_MIN = "0";
    public static final String BURST_GOOD_TO_BAD_MAX = "1";
    public static final String BURST_BAD_TO_GOOD_MIN = "0.0001";
    public static final String BURST_BAD_TO_GOOD_MAX = "1";
    /** Variance of the channel estimate's error (only the synchronous endpoint offers it; the run kind uses 0.01). */
    public static final String ESTIMATION_NOISE_VARIANCE_MIN = "0";
    public static final String ESTIMATION_NOISE_VARIANCE_MAX = "1";

    private ScenarioBounds() {
    }
}
