package io.mlsyslab.network.wireless.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.csi.CsiSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The stacks of the digest (section 5) and the ablations of X. */
public enum StackPreset {
    /** Strictly layered: fixed mode, 7 blind retries, FIFO, TFRC counts every loss. */
    L0(new Stack("L0", false, CsiSource.DELAYED, false, false, false, false)),
    /** Adaptive but layered: AMC at 1% on the delayed report, 7 blind retries, FIFO, plain TFRC. */
    L1(new Stack("L1", true, CsiSource.DELAYED, false, false, false, false)),
    /** Cross-layer: predicted-SNR AMC at P_loss^{1/(N+1)}, deadline-aware retries, priority/EDF, congestion-only TFRC. */
    X(new Stack("X", true, CsiSource.PREDICTED, true, true, true, true)),
    X_NO_PREDICTION(new Stack("X-no-prediction", true, CsiSource.DELAYED, true, true, true, true)),
    X_NO_PRIORITY(new Stack("X-no-priority", true, CsiSource.PREDICTED, true, true, false, true)),
    X_NO_LOSS_DIFFERENTIATION(new Stack("X-no-loss-differentiation", true, CsiSource.PREDICTED, true, true, true, false)),
    /** X with genie CSI: the upper bound prediction could reach. */
    X_PERFECT_CSI(new Stack("X-perfect-csi", true, CsiSource.PERFECT, true, true, true, true)),
    /** X knowing only the mean SNR: what the channel reports are worth is X minus this. */
    X_STATISTICAL_CSI(new Stack("X-statistical-csi", true, CsiSource.STATISTICAL, true, true, true, true));

    private final Stack stack;

    StackPreset(Stack stack) {
        this.stack = stack;
    }

    public Stack stack() {
        return stack;
    }

    /** The digest's comparison: L0, L1, X and the three ablations. */
    public static List<StackPreset> standard() {
        return List.of(L0, L1, X, X_NO_PREDICTION, X_NO_PRIORITY, X_NO_LOSS_DIFFERENTIATION);
    }

    /** The name clients send and receive: the constant's name, e.g. {@code X_NO_PRIORITY}. */
    @JsonValue
    public String wireName() {
        return name();
    }

    /**
     * Binds a JSON name as {@link #parse} does; an unknown one is refused without a field, since the binder knows
     * where the value sits ({@code params.stacks[2]}).
     */
    @JsonCreator
    static StackPreset fromJson(String name) {
        try {
            return parse(name);
        } catch (FieldErrorException e) {
            throw new IllegalArgumentException("unknown stack '" + name + "', expected one of "
                    + Arrays.toString(values()));
        }
    }

    /** Accepts the enum name or the stack's display name, case-insensitively (e.g. "x-no-priority"). */
    public static StackPreset parse(String name) {
        String wanted = name == null ? "" : name.trim();
        return Arrays.stream(values())
                .filter(p -> p.name().equalsIgnoreCase(wanted) || p.stack.name().equalsIgnoreCase(wanted)
                        || p.name().replace('_', '-').equalsIgnoreCase(wanted.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new FieldErrorException("stacks", "unknown stack '" + name + "'"));
    }
}
