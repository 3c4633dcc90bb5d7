package io.mlsyslab.network.wireless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed reference vectors of src/test/resources/wireless (made by make_wireless_reference.py). */
public final class Reference {

    private static final JsonNode ROOT = load();

    private Reference() {
    }

    public static JsonNode get(String name) {
        JsonNode node = ROOT.get(name);
        if (node == null) {
            throw new IllegalStateException("no reference '" + name + "'");
        }
        return node;
    }

    private static JsonNode load() {
        try (InputStream in = Reference.class.getResourceAsStream("/wireless/wireless_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("wireless_reference.json missing from the test classpath");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
