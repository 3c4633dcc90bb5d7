package io.mlsyslab.network.fabric.traffic;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Locale;
import java.util.SplittableRandom;

/** How ranks are laid out on hosts. */
public enum Placement {
    /** rank r on host r: neighbours share a leaf. */
    CONTIGUOUS("contiguous"),
    /** rank r on leaf r mod L: consecutive ranks sit on different leaves, so every ring hop crosses the fabric. */
    STRIDED("strided"),
    /** a seeded random choice of distinct hosts. */
    RANDOM("random");

    private final String wireName;

    Placement(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients send and receive (JSON and schemas list it). */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Placement fromName(String field, String name) {
        if (name == null) {
            return CONTIGUOUS;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Placement p : values()) {
            if (p.wireName.equals(n)) {
                return p;
            }
        }
        throw new FieldErrorException(field, "unknown placement '" + name
                + "' (expected contiguous, strided or random)");
    }

    /** Host of each of {@code ranks} ranks on a fabric of {@code leaves} x {@code hostsPerLeaf} hosts. */
    public int[] hostsOf(int ranks, int leaves, int hostsPerLeaf, long seed) {
        int hosts = leaves * hostsPerLeaf;
        if (ranks < 1 || ranks > hosts) {
            throw new FieldErrorException("ranks", "must be in [1, " + hosts + "], was " + ranks);
        }
        int[] out = new int[ranks];
        switch (this) {
            case CONTIGUOUS -> {
                for (int r = 0; r < ranks; r++) {
                    out[r] = r;
                }
            }
            case STRIDED -> {
                for (int r = 0; r < ranks; r++) {
                    out[r] = (r % leaves) * hostsPerLeaf + r / leaves;
                }
            }
            case RANDOM -> {
                int[] all = new int[hosts];
                for (int h = 0; h < hosts; h++) {
                    all[h] = h;
                }
                SplittableRandom rng = new SplittableRandom(seed);
                for (int i = 0; i < ranks; i++) {
                    int j = i + rng.nextInt(hosts - i);
                    int t = all[i];
                    all[i] = all[j];
                    all[j] = t;
                    out[i] = all[i];
                }
            }
        }
        return out;
    }
}
