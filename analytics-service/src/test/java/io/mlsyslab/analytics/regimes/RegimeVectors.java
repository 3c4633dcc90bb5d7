package io.mlsyslab.analytics.regimes;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads {@code regimes/regime-vectors.json}, made by {@code gen_regime_vectors.py} (SciPy) next to it. */
final class RegimeVectors {

    private RegimeVectors() {
    }

    static JsonNode load() {
        try (InputStream in = RegimeVectors.class.getResourceAsStream("/regimes/regime-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("regimes/regime-vectors.json missing from the test classpath");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
