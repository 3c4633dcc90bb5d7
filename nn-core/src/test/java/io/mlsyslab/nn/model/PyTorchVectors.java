package io.mlsyslab.nn.model;

import io.mlsyslab.nn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Access to the committed vectors written by {@code nn-core/scripts/gpt2_reference.py}. */
public final class PyTorchVectors {
    public static final List<String> CONFIGS = List.of("tiny32", "tiny36");

    private PyTorchVectors() {
    }

    public static Path dir(String name) {
        try {
            return Path.of(PyTorchVectors.class.getResource("/gpt2-vectors/" + name + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> info(String name) {
        try {
            return Json.parseObject(Files.readString(dir(name).resolve("expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(Object list) {
        List<?> l = (List<?>) list;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    /** max |a - b| / max |b|: the error relative to the tensor's scale. */
    public static double normwiseRelError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != " + expected.length);
        }
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}
