package io.mlsyslab.network.fabric.routing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Locale;

/** The load-balancing schemes compared; {@link #SPRAYING} is the reference every ratio is taken against. */
public enum RoutingPolicy {
    ECMP("ecmp", "ECMP (one path per connection, seeded hash)"),
    ECMP_QP("ecmp-qp", "ECMP with k queue pairs per connection"),
    SINGLE_PATH_OPTIMAL("single-path-optimal", "optimal single path, no splitting (edge colouring)"),
    MINIMAL_SPLITTING("minimal-splitting", "single path with minimal splitting (Ethereal rule)"),
    SPRAYING("spraying", "ideal packet spraying (fluid, failure-aware)");

    private final String wireName;
    private final String label;

    RoutingPolicy(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name clients send and receive (JSON and schemas list it). */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public boolean hashed() {
        return this == ECMP || this == ECMP_QP;
    }

    public static RoutingPolicy fromName(String field, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RoutingPolicy p : values()) {
            if (p.wireName.equals(n)) {
                return p;
            }
        }
        throw new FieldErrorException(field, "unknown policy '" + name + "' (expected ecmp, ecmp-qp, "
                + "single-path-optimal, minimal-splitting or spraying)");
    }

    /** A router for this policy; {@code seed} and {@code queuePairs} matter only to the hashed policies. */
    public Router router(long seed, int queuePairs) {
        return switch (this) {
            case ECMP -> new EcmpRouter(1, seed);
            case ECMP_QP -> new EcmpRouter(queuePairs, seed);
            case SINGLE_PATH_OPTIMAL -> new SinglePathRouter();
            case MINIMAL_SPLITTING -> new MinimalSplittingRouter();
            case SPRAYING -> new SprayingRouter();
        };
    }
}
