package io.mlsyslab.contract;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST runs}: the kind, its params (omitted ones take defaults) and free-form string tags.
 *
 * @param kind   a run kind of the service; not blank
 * @param params the kind's params; null or omitted fields take their defaults
 * @param tags   at most {@value #MAX_TAGS} string tags
 */
public record CreateRunRequest(String kind, JsonNode params, Map<String, String> tags) {

    public static final int MAX_TAGS = 32;

    public CreateRunRequest {
        if (kind == null || kind.isBlank()) {
            throw FieldErrorException.invalid("kind", "must not be blank");
        }
        if (tags != null && tags.size() > MAX_TAGS) {
            throw FieldErrorException.invalid("tags", "at most " + MAX_TAGS + " tags");
        }
    }
}
