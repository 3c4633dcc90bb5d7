package io.mlsyslab.training.runs;

import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.training.utilization.Algorithm;
import io.mlsyslab.training.utilization.FragmentLayout;
import io.mlsyslab.training.utilization.ModelProfile;
import io.mlsyslab.training.utilization.StudyRequest;
import io.mlsyslab.training.utilization.SyncSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Params of the {@code utilization-sim} run kind. A null component takes its default; the defaults are Streaming
 * DiLoCo's Table 4 setting (1B / 10B / 100B, all five methods, H = 100, 3-block strided fragments, tau = 1, bf16
 * payloads, FP4 quantised payloads, M = 2) at 95 % utilisation. Single-field limits are Jakarta annotations (the
 * engine's own limits, same constants); cross-field rules and the bound on simulated work are checked in the compact
 * constructor, so everything is rejected at submission.
 */
public record UtilizationSimParams(
        @ParamDescription("models to simulate: name, parameters, transformer blocks, pure-compute step seconds")
        @Size(min = 1, max = StudyRequest.MAX_MODELS) List<@Valid @NotNull Model> models,
        @ParamDescription("methods: " + Algorithm.NAMES)
        @Size(min = 1, max = 5) List<@NotNull @Pattern(regexp = Algorithm.NAMES) String> algorithms,
        @ParamDescription("target compute utilisations; for each, the bandwidth reaching it is found by bisection")
        @Size(min = 1, max = StudyRequest.MAX_TARGETS)
        List<@NotNull @DecimalMin(StudyRequest.MIN_TARGET) @DecimalMax(StudyRequest.MAX_TARGET) Double>
                targetUtilizations,
        @ParamDescription("H: inner steps between two syncs of the same block (DiLoCo and Streaming DiLoCo)")
        @Min(1) @Max(SyncSettings.MAX_PERIOD) Integer period,
        @ParamDescription("transformer blocks per Streaming DiLoCo fragment")
        @Min(1) @Max(SyncSettings.MAX_FRAGMENT_LAYERS) Integer fragmentLayers,
        @ParamDescription("how blocks are grouped into fragments: strided or sequential")
        @Pattern(regexp = "strided|sequential") String fragmentLayout,
        @ParamDescription("tau: inner steps overlapping a fragment's sync (the overlap methods); below period")
        @Min(0) @Max(SyncSettings.MAX_OVERLAP_STEPS) Integer overlapSteps,
        @ParamDescription("bits per value on the wire when not quantised (16 = bf16, 32 = fp32)")
        @DecimalMin("1") @DecimalMax("64") Double payloadBits,
        @ParamDescription("bits per value of the quantised method streaming-diloco-overlap-fp4 (4 = FP4 E3M0)")
        @DecimalMin("1") @DecimalMax("64") Double quantizedBits,
        @ParamDescription("workers M in the ring all-reduce (cost factor 2(M-1)/M)")
        @Min(2) @Max(SyncSettings.MAX_WORKERS) Integer workers,
        @ParamDescription("lowest bandwidth of the search and sweep (Gbit/s)")
        @DecimalMin(StudyRequest.MIN_GBPS) @DecimalMax(StudyRequest.MAX_GBPS) Double minGbps,
        @ParamDescription("highest bandwidth of the search and sweep (Gbit/s)")
        @DecimalMin(StudyRequest.MIN_GBPS) @DecimalMax(StudyRequest.MAX_GBPS) Double maxGbps,
        @ParamDescription("log-spaced bandwidths of the utilisation curves (chart and metrics)")
        @Min(2) @Max(StudyRequest.MAX_SWEEP_POINTS) Integer sweepPoints) {

    /**
     * A simulated model.
     *
     * @param name        identifier used in results, metrics and artifact names
     * @param parameters  total parameters
     * @param layers      transformer blocks
     * @param stepSeconds pure-compute time of one training step
     */
    public record Model(
            @ParamDescription("identifier, e.g. 1b")
            @NotNull @Pattern(regexp = ModelProfile.NAME_PATTERN) String name,
            @ParamDescription("total parameters")
            @NotNull @DecimalMin("1") @DecimalMax(ModelProfile.MAX_PARAMETERS) Double parameters,
            @ParamDescription("transformer blocks") @NotNull @Min(1) @Max(ModelProfile.MAX_LAYERS) Integer layers,
            @ParamDescription("pure-compute seconds of one training step")
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(ModelProfile.MAX_STEP_SECONDS)
            Double stepSeconds) {

        ModelProfile profile() {
            return new ModelProfile(name, parameters, layers, stepSeconds);
        }

        static Model of(ModelProfile p) {
            return new Model(p.name(), p.parameters(), p.layers(), p.stepSeconds());
        }
    }

    public UtilizationSimParams {
        models = models == null ? ModelProfile.PAPER.stream().map(Model::of).toList() : List.copyOf(models);
        algorithms = algorithms == null ? Arrays.stream(Algorithm.values()).map(Algorithm::wireName).toList()
                : List.copyOf(algorithms);
        targetUtilizations = targetUtilizations == null ? List.of(0.95) : List.copyOf(targetUtilizations);
        period = period == null ? 100 : period;
        fragmentLayers = fragmentLayers == null ? 3 : fragmentLayers;
        fragmentLayout = fragmentLayout == null ? "strided" : fragmentLayout;
        overlapSteps = overlapSteps == null ? 1 : overlapSteps;
        payloadBits = payloadBits == null ? 16.0 : payloadBits;
        quantizedBits = quantizedBits == null ? 4.0 : quantizedBits;
        workers = workers == null ? 2 : workers;
        minGbps = minGbps == null ? 0.01 : minGbps;
        maxGbps = maxGbps == null ? 10000.0 : maxGbps;
        sweepPoints = sweepPoints == null ? 61 : sweepPoints;
        // cross-field rules, each checked only when the fields involved are within their own limits (the
        // annotations report those by path)
        if (period >= 1 && overlapSteps > 0 && overlapSteps >= period) {
            throw new IllegalArgumentException("overlapSteps: must be below period (" + period + ")");
        }
        if (minGbps > 0 && maxGbps > 0 && !(maxGbps > minGbps * 1.01)) {
            throw new IllegalArgumentException("maxGbps: must exceed minGbps (" + minGbps + ") by more than 1%");
        }
        List<String> names = models.stream().filter(Objects::nonNull).map(Model::name).filter(Objects::nonNull)
                .toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("models: names must be distinct");
        }
        if (algorithms.stream().distinct().count() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms: each at most once");
        }
        checkWork(models, algorithms, targetUtilizations, period, overlapSteps, minGbps, maxGbps, sweepPoints);
    }

    /** The bound on simulated work, once the values it depends on are within their own limits. */
    private static void checkWork(List<Model> models, List<String> algorithms, List<Double> targets, int period,
                                  int overlapSteps, double minGbps, double maxGbps, int sweepPoints) {
        boolean sane = models.size() <= StudyRequest.MAX_MODELS && targets.size() <= StudyRequest.MAX_TARGETS
                && period >= 1 && period <= SyncSettings.MAX_PERIOD && overlapSteps >= 0 && overlapSteps < period
                && sweepPoints >= 2 && sweepPoints <= StudyRequest.MAX_SWEEP_POINTS && minGbps > 0
                && maxGbps > minGbps && algorithms.stream().allMatch(a -> a != null && a.matches(Algorithm.NAMES))
                && models.stream().allMatch(m -> m != null && m.layers() != null && m.layers() >= 1
                && m.layers() <= ModelProfile.MAX_LAYERS);
        if (!sane) {
            return;
        }
        int[] layers = models.stream().mapToInt(Model::layers).toArray();
        double work = StudyRequest.estimatedNodeUpdates(layers, algorithms(algorithms), period, overlapSteps,
                targets.size(), minGbps, maxGbps, sweepPoints);
        if (work > StudyRequest.MAX_NODE_UPDATES) {
            throw new IllegalArgumentException(StudyRequest.workMessage(work));
        }
    }

    private static List<ModelProfile> profiles(List<Model> models) {
        return models.stream().map(Model::profile).toList();
    }

    private static List<Algorithm> algorithms(List<String> names) {
        return names.stream().map(a -> Algorithm.fromName("algorithms", a)).toList();
    }

    private static SyncSettings settings(int period, int fragmentLayers, String layout, int overlapSteps,
                                         double payloadBits, double quantizedBits, int workers) {
        return new SyncSettings(period, fragmentLayers, overlapSteps, payloadBits, quantizedBits,
                FragmentLayout.fromName("fragmentLayout", layout), workers);
    }

    /** The engine's request (the params passed validation at submission). */
    public StudyRequest request() {
        return new StudyRequest(profiles(models), algorithms(algorithms), settings(period, fragmentLayers,
                fragmentLayout, overlapSteps, payloadBits, quantizedBits, workers), targetUtilizations, minGbps,
                maxGbps, sweepPoints);
    }
}
