package io.mlsyslab.analytics.kde;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads the committed reference cases written by analytics-service/scripts/kde_reference_vectors.py. */
final class ReferenceVectors {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReferenceVectors() {
    }

    static JsonNode load(String name) {
        try (InputStream in = ReferenceVectors.class.getResourceAsStream("/kde/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing reference vector " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A numeric array; JSON null stands for −∞ (a log-density outside a compact kernel's support). */
    static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).isNull() ? Double.NEGATIVE_INFINITY : node.get(i).asDouble();
        }
        return out;
    }

    static Bandwidth bandwidth(JsonNode c) {
        JsonNode b = c.get("bandwidth");
        if (b.has("isotropic")) {
            return new Bandwidth.Isotropic(b.get("isotropic").asDouble());
        }
        if (b.has("diagonal")) {
            return new Bandwidth.Diagonal(doubles(b.get("diagonal")));
        }
        return new Bandwidth.Full(doubles(b.get("full")), c.get("d").asInt());
    }

    static Kernel kernel(JsonNode c) {
        JsonNode nu = c.get("degreesOfFreedom");
        return Kernel.named(c.get("kernel").asString(), nu == null ? null : nu.asDouble());
    }
}
