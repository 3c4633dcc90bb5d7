package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decides once per JVM whether the kernels use the Vector API or their scalar fallbacks.
 *
 * <p>The Vector API is used when the preferred species holds at least 4 floats and the system property
 * {@code mlsyslab.nn.simd} is not {@code false}. Turning it off is how the scalar fallbacks are exercised and
 * how a platform with a poor Vector API implementation can be served.
 */
public final class Simd {
    /** Preferred float species of this platform (512 bits on AVX-512 machines). */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector of {@link #SPECIES}. */
    public static final int LANES = SPECIES.length();
    /** Whether kernels take their vectorised paths. */
    public static final boolean ENABLED =
            LANES >= 4 && !"false".equalsIgnoreCase(System.getProperty("mlsyslab.nn.simd", "true"));

    private Simd() {
    }

    /** Largest multiple of {@link #LANES} that is {@code <= n}. */
    static int loopBound(int n) {
        return SPECIES.loopBound(n);
    }
}
