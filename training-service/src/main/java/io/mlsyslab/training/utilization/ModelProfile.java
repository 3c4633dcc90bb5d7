package io.mlsyslab.training.utilization;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A model as the compute-utilisation simulator sees it: its parameter count, its number of transformer blocks and the
 * pure-compute time of one training step (forward + backward, no communication). Parameters are spread evenly over
 * the blocks (embeddings folded in), so each block's reduction carries {@code parameters / layers} values.
 *
 * @param name        short identifier, {@code [a-z0-9][a-z0-9-]{0,31}}
 * @param parameters  total parameters
 * @param layers      transformer blocks L
 * @param stepSeconds pure-compute step time T
 */
public record ModelProfile(String name, double parameters, int layers, double stepSeconds) {

    /** Pattern of model names (they appear in metric and artifact names). */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    public static final String MAX_PARAMETERS = "1e14";
    public static final int MAX_LAYERS = 1000;
    public static final String MAX_STEP_SECONDS = "3600";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    /** The three simulated models of Streaming DiLoCo section 3.1 / Table 4: 1B, 10B and 100B parameters. */
    public static final List<ModelProfile> PAPER = List.of(
            new ModelProfile("1b", 1e9, 24, 0.1),
            new ModelProfile("10b", 1e10, 48, 0.8),
            new ModelProfile("100b", 1e11, 108, 4.9));

    public ModelProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must match " + NAME.pattern());
        }
        if (!(parameters >= 1 && parameters <= Double.parseDouble(MAX_PARAMETERS))) {
            throw new IllegalArgumentException("parameters: must be in [1, " + MAX_PARAMETERS + "], got " + parameters);
        }
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IllegalArgumentException("layers: must be in [1, " + MAX_LAYERS + "], got " + layers);
        }
        if (!(stepSeconds > 0 && stepSeconds <= Double.parseDouble(MAX_STEP_SECONDS))) {
            throw new IllegalArgumentException("stepSeconds: must be in (0, " + MAX_STEP_SECONDS + "], got "
                    + stepSeconds);
        }
    }

    public double parametersPerLayer() {
        return parameters / layers;
    }

    /** The paper's model of this name and shape, if this is one of them. */
    public boolean isPaperModel() {
        return PAPER.contains(this);
    }
}
